using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// Every import is a billed ingestion event: an unchanged finding is imported again only when it is due for a
/// refresh, and any change to what it says is imported at once.
/// </summary>
public sealed class IngestionDietTests
{
    private const string Account = "111122223333";
    private const string Home = "us-east-1";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FindingReconciler _reconciler = new();

    private ReconcilePlan Reconcile(IReadOnlyList<CheckResult> results, IReadOnlyList<AsffFinding> stored, DateTimeOffset now, TimeSpan? refreshAge = null) =>
        _reconciler.Reconcile(new ReconcileInput
        {
            AccountId = Account,
            Region = Home,
            Results = results,
            Existing = stored,
            ChecksRun = Results.AllChecks,
            Now = now,
            RefreshAge = refreshAge ?? FindingReconciler.DefaultRefreshAge,
        });

    /// <summary>What Security Hub holds after an import: the imported finding plus what Security Hub adds of its own.</summary>
    private static AsffFinding AsStored(AsffFinding imported) => imported with
    {
        ProductFields = new Dictionary<string, string>(imported.ProductFields!) { ["aws/securityhub/FindingId"] = "arn:x", ["aws/securityhub/ProductName"] = "Default" },
        Workflow = new AsffWorkflow("NOTIFIED"),
    };

    private AsffFinding FirstImport(CheckResult result) => AsStored(Reconcile([result], [], T0).Imports.Single().Finding);

    [Fact]
    public void An_unchanged_failure_is_not_imported_again_within_the_refresh_age()
    {
        var alice = Results.IamUser(Account, "alice");
        var stored = FirstImport(alice);

        var plan = Reconcile([alice], [stored], T0.AddDays(6).AddHours(23));

        plan.Imports.Should().BeEmpty();
        plan.Unchanged.Should().Equal(stored.Id);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(30)]
    public void An_unchanged_failure_is_refreshed_once_the_refresh_age_has_passed(int days)
    {
        var alice = Results.IamUser(Account, "alice");
        var stored = FirstImport(alice);

        var import = Reconcile([alice], [stored], T0.AddDays(days)).Imports.Should().ContainSingle().Subject;

        import.Change.Should().Be(FindingChange.Updated);
        import.Finding.UpdatedAt.Should().Be(AsffFormat.Timestamp(T0.AddDays(days)));
        import.Finding.LastObservedAt.Should().Be(AsffFormat.Timestamp(T0.AddDays(days)));
        import.Finding.CreatedAt.Should().Be(AsffFormat.Timestamp(T0));
    }

    [Fact]
    public void The_policy_sets_the_refresh_age()
    {
        var alice = Results.IamUser(Account, "alice");
        var stored = FirstImport(alice);

        Reconcile([alice], [stored], T0.AddDays(2), TimeSpan.FromDays(1)).Imports.Should().ContainSingle();
        Reconcile([alice], [stored], T0.AddDays(2), TimeSpan.FromDays(14)).Imports.Should().BeEmpty();
    }

    public static TheoryData<string> Changes => ["title", "description", "severity", "remediation", "details"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_a_reader_would_see_is_imported_at_once(string change)
    {
        var alice = Results.IamUser(Account, "alice");
        var stored = FirstImport(alice);
        var changed = change switch
        {
            "title" => alice with { Title = "IAM user 'alice' has a console password" },
            "description" => alice with { Description = "Now with MFA off." },
            "severity" => alice with { Severity = Severity.High },
            "remediation" => alice with { Remediation = "Delete the user." },
            _ => alice with { Details = new Dictionary<string, string>(alice.Details) { ["PasswordLastUsed"] = "2025-02-28" } },
        };

        var import = Reconcile([changed], [stored], T0.AddHours(1)).Imports.Should().ContainSingle().Subject;

        import.Change.Should().Be(FindingChange.Updated);
    }

    [Fact]
    public void A_finding_stored_without_a_fingerprint_is_imported_once_to_get_one()
    {
        var alice = Results.IamUser(Account, "alice");
        var legacy = FirstImport(alice);
        legacy = legacy with { ProductFields = legacy.ProductFields!.Where(p => p.Key != ScannerProduct.Fields.ContentHash).ToDictionary() };

        var import = Reconcile([alice], [legacy], T0.AddHours(1)).Imports.Should().ContainSingle().Subject;

        import.Finding.ProductFields.Should().ContainKey(ScannerProduct.Fields.ContentHash);
    }

    [Fact]
    public void Resolving_and_reopening_are_never_held_back()
    {
        var untagged = Results.Instance(Account, Home, "i-1");
        var stored = FirstImport(untagged);

        var resolved = Reconcile([Results.Instance(Account, Home, "i-1", CheckStatus.Passed)], [stored], T0.AddHours(1)).Imports.Single();
        resolved.Change.Should().Be(FindingChange.Resolved);

        var reopened = Reconcile([untagged], [AsStored(resolved.Finding)], T0.AddHours(2)).Imports.Single();
        reopened.Change.Should().Be(FindingChange.Reactivated);
    }

    [Fact]
    public void The_fingerprint_ignores_timestamps_workflow_version_and_Security_Hubs_own_fields()
    {
        var finding = new AsffMapper().Map(Results.IamUser(Account, "alice"), Home, T0);
        var fingerprint = FindingContent.Fingerprint(finding);

        var touched = finding with
        {
            CreatedAt = "2030-01-01T00:00:00.000Z",
            UpdatedAt = "2030-01-01T00:00:00.000Z",
            FirstObservedAt = "2030-01-01T00:00:00.000Z",
            LastObservedAt = "2030-01-01T00:00:00.000Z",
            Workflow = new AsffWorkflow("RESOLVED"),
            ProductFields = new Dictionary<string, string>(finding.ProductFields!.Reverse())
            {
                [ScannerProduct.Fields.ProviderVersion] = "9.9.9",
                ["aws/securityhub/FindingId"] = "arn:x",
            },
        };

        FindingContent.Fingerprint(touched).Should().Be(fingerprint);
        FindingContent.Fingerprint(finding with { Description = "other" }).Should().NotBe(fingerprint);
        FindingContent.Fingerprint(finding with { RecordState = "ARCHIVED" }).Should().NotBe(fingerprint);
    }
}
