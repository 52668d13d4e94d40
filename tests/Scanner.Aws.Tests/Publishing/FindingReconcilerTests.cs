using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Testing.Inventory;

namespace Scanner.Aws.Tests.Publishing;

public sealed class FindingReconcilerTests
{
    private const string Account = "111122223333";
    private const string Home = "us-east-1";
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddDays(1);
    private readonly FindingReconciler _reconciler = new();
    private readonly AsffMapper _mapper = new();

    private ReconcilePlan Reconcile(
        IReadOnlyList<CheckResult> results, IReadOnlyList<AsffFinding> existing, IReadOnlySet<string>? ran = null,
        IReadOnlyList<CollectionGap>? gaps = null, DateTimeOffset? now = null) =>
        _reconciler.Reconcile(new ReconcileInput
        {
            AccountId = Account,
            Region = Home,
            Results = results,
            Existing = existing,
            ChecksRun = ran ?? Results.AllChecks,
            Gaps = gaps ?? [],
            Now = now ?? T1,
        });

    /// <summary>A finding as Security Hub would return it after an import at <paramref name="at"/>.</summary>
    private AsffFinding Stored(CheckResult result, DateTimeOffset at) => _mapper.Map(result, Home, at) with
    {
        ProductFields = new Dictionary<string, string>(_mapper.Map(result, Home, at).ProductFields!) { ["aws/securityhub/FindingId"] = "x" },
        Workflow = new AsffWorkflow("NEW"),
    };

    [Fact]
    public void A_new_failure_is_created_now()
    {
        var plan = Reconcile([Results.IamUser(Account, "alice")], []);

        var import = plan.Imports.Should().ContainSingle().Subject;
        import.Change.Should().Be(FindingChange.Created);
        import.Finding.CreatedAt.Should().Be(AsffFormat.Timestamp(T1));
        import.Finding.FirstObservedAt.Should().Be(AsffFormat.Timestamp(T1));
        import.Finding.RecordState.Should().Be("ACTIVE");
    }

    [Fact]
    public void A_finding_still_failing_keeps_its_creation_and_first_observation()
    {
        var alice = Results.IamUser(Account, "alice");

        var import = Reconcile([alice], [Stored(alice, T0)]).Imports.Single();

        import.Change.Should().Be(FindingChange.Updated);
        import.Finding.CreatedAt.Should().Be(AsffFormat.Timestamp(T0));
        import.Finding.FirstObservedAt.Should().Be(AsffFormat.Timestamp(T0));
        import.Finding.UpdatedAt.Should().Be(AsffFormat.Timestamp(T1));
        import.Finding.LastObservedAt.Should().Be(AsffFormat.Timestamp(T1));
        import.Finding.Id.Should().Be(FindingIdentity.For(alice));
    }

    [Fact]
    public void UpdatedAt_is_always_strictly_later_than_the_stored_one()
    {
        var alice = Results.IamUser(Account, "alice");
        var stored = Stored(alice, T1) with { UpdatedAt = "2025-01-02T00:00:00.500Z" };

        var import = Reconcile([alice], [stored], now: T1).Imports.Single();

        import.Finding.UpdatedAt.Should().Be("2025-01-02T00:00:00.501Z");
        FindingReconciler.UpdatedAfter(T1, null).Should().Be(T1);
        FindingReconciler.UpdatedAfter(T1, AsffFormat.Timestamp(T0)).Should().Be(T1);
    }

    [Fact]
    public void A_passing_result_resolves_its_active_finding()
    {
        var stored = Stored(Results.Instance(Account, Home, "i-1"), T0);

        var import = Reconcile([Results.Instance(Account, Home, "i-1", CheckStatus.Passed)], [stored]).Imports.Single();

        import.Change.Should().Be(FindingChange.Resolved);
        import.Finding.Compliance!.Status.Should().Be("PASSED");
        import.Finding.RecordState.Should().Be("ARCHIVED");
        import.Finding.Severity!.Label.Should().Be("INFORMATIONAL");
        import.Finding.FindingProviderFields!.Severity!.Label.Should().Be("INFORMATIONAL");
        import.Finding.CreatedAt.Should().Be(AsffFormat.Timestamp(T0));
        import.Finding.ProductFields.Should().Contain("compliance/resolution", "passed");
    }

    [Fact]
    public void An_active_finding_whose_subject_is_gone_is_resolved_from_its_own_record()
    {
        var stored = Stored(Results.IamUser(Account, "deleted"), T0);

        var import = Reconcile([], [stored]).Imports.Single();

        import.Change.Should().Be(FindingChange.Resolved);
        import.Finding.Id.Should().Be(stored.Id);
        import.Finding.Title.Should().Be(stored.Title);
        import.Finding.Compliance.Should().Be(new AsffCompliance("PASSED", stored.Compliance!.RelatedRequirements));
        import.Finding.RecordState.Should().Be("ARCHIVED");
        import.Finding.UpdatedAt.Should().Be(AsffFormat.Timestamp(T1));
        import.Finding.FirstObservedAt.Should().Be(AsffFormat.Timestamp(T0));
        import.Finding.Workflow.Should().BeNull();
        import.Finding.ProductFields.Should().NotContainKey("aws/securityhub/FindingId")
            .And.Contain("compliance/resolution", "not-reported")
            .And.Contain("compliance/status", "PASSED");
    }

    [Fact]
    public void Findings_of_checks_that_did_not_run_are_left_alone()
    {
        var stored = Stored(Results.IamUser(Account, "alice"), T0);

        var plan = Reconcile([], [stored], ran: Results.Ran("iam.access-key"));

        plan.Imports.Should().BeEmpty();
        plan.Unchanged.Should().Equal(stored.Id);
    }

    [Fact]
    public void A_gap_in_a_data_source_keeps_that_regions_findings_and_resolves_the_others()
    {
        var ireland = Stored(Results.Instance(Account, "eu-west-1", "i-1"), T0);
        var virginia = Stored(Results.Instance(Account, "us-east-1", "i-2"), T0);
        var gap = new CollectionGap(DataSource.Ec2, "eu-west-1", "DescribeInstances", "UnauthorizedOperation", "denied");

        var plan = Reconcile([], [ireland, virginia], gaps: [gap]);

        plan.Imports.Should().ContainSingle().Which.Finding.Id.Should().Be(virginia.Id);
        plan.Unchanged.Should().Equal(ireland.Id);
    }

    [Fact]
    public void A_global_gap_keeps_every_region()
    {
        var ireland = Stored(Results.Instance(Account, "eu-west-1", "i-1"), T0);
        var user = Stored(Results.IamUser(Account, "alice"), T0);
        var gap = new CollectionGap(DataSource.Tagging, null, "GetResources", "AccessDenied", "denied");

        var plan = Reconcile([], [ireland, user], gaps: [gap]);

        plan.Imports.Should().ContainSingle().Which.Finding.Id.Should().Be(user.Id, "iam.local-user does not read the tagging API");
        plan.Unchanged.Should().Equal(ireland.Id);
    }

    [Fact]
    public void A_passing_result_in_a_region_with_a_gap_does_not_resolve()
    {
        var stored = Stored(Results.Instance(Account, "eu-west-1", "i-1"), T0);
        var gap = new CollectionGap(DataSource.Lambda, "eu-west-1", "ListFunctions", "AccessDenied", "denied");

        var plan = Reconcile([Results.Instance(Account, "eu-west-1", "i-1", CheckStatus.Passed)], [stored], gaps: [gap]);

        plan.Imports.Should().BeEmpty();
        plan.Unchanged.Should().Equal(stored.Id);
    }

    [Fact]
    public void A_failure_is_reported_even_where_a_gap_is()
    {
        var instance = Results.Instance(Account, "eu-west-1", "i-1");
        var gap = new CollectionGap(DataSource.Lambda, "eu-west-1", "ListFunctions", "AccessDenied", "denied");

        Reconcile([instance], [Stored(instance, T0)], gaps: [gap]).Imports.Single().Change.Should().Be(FindingChange.Updated);
    }

    [Fact]
    public void A_resolved_finding_that_fails_again_is_reactivated_with_its_history()
    {
        var alice = Results.IamUser(Account, "alice");
        var archived = Reconcile([], [Stored(alice, T0)], now: T0.AddHours(1)).Imports.Single().Finding;

        var import = Reconcile([alice], [archived], now: T1).Imports.Single();

        import.Change.Should().Be(FindingChange.Reactivated);
        import.Finding.RecordState.Should().Be("ACTIVE");
        import.Finding.Compliance!.Status.Should().Be("FAILED");
        import.Finding.FirstObservedAt.Should().Be(AsffFormat.Timestamp(T0));
        import.Finding.CreatedAt.Should().Be(AsffFormat.Timestamp(T0));
        import.Finding.ProductFields.Should().Contain("compliance/reopenedAt", AsffFormat.Timestamp(T1));

        // Past the refresh age, so the unchanged finding is imported again and shows what an update carries over.
        var later = Reconcile([alice], [import.Finding], now: T1.AddDays(8)).Imports.Single();
        later.Change.Should().Be(FindingChange.Updated);
        later.Finding.ProductFields.Should().Contain("compliance/reopenedAt", AsffFormat.Timestamp(T1));
    }

    [Fact]
    public void An_exemption_archives_the_active_finding_and_is_then_left_alone_until_it_needs_a_refresh()
    {
        var exempted = Results.IamUser(Account, "alice", CheckStatus.Exempted);
        var first = Reconcile([exempted], [Stored(Results.IamUser(Account, "alice"), T0)]).Imports.Single();
        first.Change.Should().Be(FindingChange.Exempted);
        first.Finding.RecordState.Should().Be("ARCHIVED");
        first.Finding.Compliance!.Status.Should().Be("PASSED");
        first.Finding.CreatedAt.Should().Be(AsffFormat.Timestamp(T0));

        var again = Reconcile([exempted], [first.Finding], now: T1.AddDays(1));
        again.Imports.Should().BeEmpty();
        again.Unchanged.Should().Equal(first.Finding.Id);

        // The same user, its exemption extended: a new reason, imported at once.
        var extended = Results.LocalUser(Account, Make.User("alice", password: true, mfa: true, accountId: Account,
            tags: Make.Tags(("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-09-01"))), Home);
        extended.Reason.Should().NotBe(exempted.Reason);
        Reconcile([extended], [first.Finding], now: T1.AddDays(1)).Imports.Single().Change.Should().Be(FindingChange.Exempted);

        Reconcile([exempted], [first.Finding], now: T1.AddDays(31)).Imports.Single().Change.Should().Be(FindingChange.Exempted);
    }

    [Fact]
    public void A_new_exemption_is_recorded()
    {
        var import = Reconcile([Results.IamUser(Account, "alice", CheckStatus.Exempted)], []).Imports.Single();

        import.Change.Should().Be(FindingChange.Exempted);
        import.Finding.RecordState.Should().Be("ARCHIVED");
    }

    [Fact]
    public void Passing_results_with_nothing_stored_import_nothing()
    {
        Reconcile([Results.Instance(Account, Home, "i-1", CheckStatus.Passed)], []).Imports.Should().BeEmpty();
    }

    [Fact]
    public void Findings_of_other_products_generators_or_accounts_are_never_touched()
    {
        var ours = Stored(Results.IamUser(Account, "alice"), T0);
        var otherTool = ours with { Id = "other-1", ProductFields = new() { ["ProviderName"] = "Another scanner" } };
        var otherProduct = ours with { Id = "other-2", ProductArn = "arn:aws:securityhub:us-east-1::product/aws/guardduty" };
        var otherAccount = ours with { Id = "other-3", AwsAccountId = "999999999999" };
        var noMarker = ours with { Id = "other-4", ProductFields = null };

        var plan = Reconcile([], [otherTool, otherProduct, otherAccount, noMarker]);

        plan.Imports.Should().BeEmpty();
        plan.Unchanged.Should().BeEmpty();
    }

    [Fact]
    public void Account_not_scanned_findings_are_resolved_only_by_their_own_account_scanning_again()
    {
        var x = ScanHealth.AccountNotScanned("444444444444", "x", "role missing", "AccessDenied", Account, Home);
        var y = ScanHealth.AccountNotScanned("555555555555", "y", "role missing", "AccessDenied", Account, Home);
        var stored = new[] { Stored(x, T0), Stored(y, T0) };

        var plan = Reconcile([AccountScanHealth.Scanned("444444444444", "x", Account, Home)], stored, ran: Results.Ran(AccountScanHealth.CheckId));

        var import = plan.Imports.Should().ContainSingle().Subject;
        import.Finding.Id.Should().Be(FindingIdentity.For(x));
        import.Change.Should().Be(FindingChange.Resolved);
        plan.Unchanged.Should().Equal(FindingIdentity.For(y));
    }

    [Fact]
    public void Results_of_another_account_are_refused()
    {
        var act = () => Reconcile([Results.IamUser("999999999999", "alice")], []);

        act.Should().Throw<ArgumentException>().WithMessage("*default product ARN*");
    }

    [Fact]
    public void Imports_come_in_a_stable_order()
    {
        var plan = Reconcile([Results.IamUser(Account, "zed"), Results.IamUser(Account, "amy"), Results.IamUser(Account, "bob")], []);

        plan.Imports.Select(i => i.Finding.Id).Should().BeInAscendingOrder(StringComparer.Ordinal);
    }
}
