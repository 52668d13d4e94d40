namespace Scanner.Core.Tests.Evaluation;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

public class EvaluatorTests
{
    private static readonly ScanPolicy Policy = ScanPolicy.Default with { ApprovedRegions = ["eu-west-1"], RequiredTags = ["owner"] };

    private static AccountInventory Busy() => InventoryBuilder.Member()
        .User(Make.User("zed", keys: [Make.Key("AKIAEXAMPLE000000002"), Make.Key("AKIAEXAMPLE000000001")]))
        .User(Make.User("amy", password: true))
        .Root(Make.Root())
        .Region("me-central-1", optIn: true)
        .Resource(Make.Instance("i-2", "us-east-1"))
        .Resource(Make.Instance("i-1", "ap-south-1"))
        .Resource(Make.Function("f", tags: Make.Tags(("owner", "x"))))
        .Build();

    [Fact]
    public void Runs_every_enabled_check_and_orders_results_deterministically()
    {
        var evaluation = Evaluator.Run(Busy(), Policy);

        evaluation.CheckIdsRun.Should().Equal(CheckCatalog.RunnableIds);
        evaluation.Results.Should().BeInAscendingOrder(r => r.CheckId, StringComparer.Ordinal);
        var keys = evaluation.Results.Select(r => $"{r.CheckId}|{r.AccountId}|{r.Region}|{r.ResourceId}").ToList();
        keys.Should().Equal(keys.Order(StringComparer.Ordinal));
        keys.Should().OnlyHaveUniqueItems();
        Evaluator.Evaluate(Busy(), Policy).Should().BeEquivalentTo(evaluation.Results, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Every_check_reports_what_it_should_for_a_member_account()
    {
        var counts = Evaluator.Evaluate(Busy(), Policy).GroupBy(r => r.CheckId).ToDictionary(g => g.Key, g => g.Count());

        counts.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["iam.access-key"] = 2,
            ["iam.local-user"] = 2,
            ["iam.root-access-key"] = 1,
            ["iam.root-mfa"] = 1,
            ["org.ou-placement"] = 1,
            ["region.opt-in-region-enabled"] = 1,
            ["region.resource-outside-approved"] = 2,
            ["tag.account-missing-required"] = 1,
            ["tag.resource-missing-required"] = 3,
        });
    }

    [Fact]
    public void Only_enabled_checks_run()
    {
        var evaluation = Evaluator.Run(Busy(), Policy with { EnabledChecks = ["iam.root-mfa", "iam.local-user"] });

        evaluation.CheckIdsRun.Should().Equal("iam.local-user", "iam.root-mfa");
        evaluation.Results.Select(r => r.CheckId).Distinct().Should().BeEquivalentTo("iam.local-user", "iam.root-mfa");
    }

    [Fact]
    public void The_account_policy_is_merged_before_the_checks_run()
    {
        var inventory = InventoryBuilder.Member().InOus(Make.Ou("ou-ab12-sand0001", "Sandbox")).Resource(Make.Instance("i-1", "us-east-1")).Build();
        var policy = Policy with { Overrides = [new PolicyOverride { Ou = "Sandbox", AdditionalApprovedRegions = ["us-east-1"], RemoveRequiredTags = ["owner"] }] };

        var evaluation = Evaluator.Run(inventory, policy);

        evaluation.Policy.ApprovedRegions.Should().Contain("us-east-1");
        evaluation.Results.Should().NotContain(r => r.CheckId.StartsWith("region.", StringComparison.Ordinal) || r.CheckId.StartsWith("tag.", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_are_resolvable_only_where_the_check_ran_and_its_data_was_collected()
    {
        var inventory = InventoryBuilder.Member()
            .Gap(DataSource.Ec2, "us-east-1")
            .Gap(DataSource.Iam)
            .Build();

        var evaluation = Evaluator.Run(inventory, Policy with { EnabledChecks = ["region.resource-outside-approved", "iam.access-key", "iam.root-mfa"] });

        evaluation.CanResolve("region.resource-outside-approved", "eu-west-1").Should().BeTrue();
        evaluation.CanResolve("region.resource-outside-approved", "us-east-1").Should().BeFalse("EC2 could not be read there");
        evaluation.CanResolve("iam.access-key", "eu-west-1").Should().BeFalse("a global IAM gap covers every Region");
        evaluation.CanResolve("iam.root-mfa", "eu-west-1").Should().BeTrue("the credential report is another collection");
        evaluation.CanResolve("iam.local-user", "eu-west-1").Should().BeFalse("the check did not run");
        evaluation.CanResolve("no.such-check", "eu-west-1").Should().BeFalse();
    }

    [Fact]
    public void A_check_reporting_under_another_id_is_a_bug_that_stops_the_evaluation()
    {
        var rogue = new RogueCheck();

        FluentActions.Invoking(() => Evaluator.Run(Busy(), ScanPolicy.Default, [rogue]))
            .Should().Throw<InvalidOperationException>().WithMessage("*test.rogue returned a result for iam.local-user*");
    }

    [Fact]
    public void Two_results_with_one_finding_id_are_reported_once()
    {
        var evaluation = Evaluator.Run(Busy(), ScanPolicy.Default, [new DuplicatingCheck()]);

        evaluation.Results.Should().ContainSingle();
    }

    private sealed class RogueCheck : ICheck
    {
        public CheckMetadata Metadata { get; } = LocalUserCheck.Definition with { Id = "test.rogue" };

        public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy) =>
            new LocalUserCheck().Evaluate(inventory, policy);
    }

    private sealed class DuplicatingCheck : ICheck
    {
        public CheckMetadata Metadata => RootMfaCheck.Definition;

        public IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy)
        {
            var result = new RootMfaCheck().Evaluate(inventory, policy).Single();
            return [result, result with { Title = "again" }];
        }
    }
}
