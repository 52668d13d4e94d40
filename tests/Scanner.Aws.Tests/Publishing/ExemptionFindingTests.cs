using Scanner.Aws.Publishing;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Policy;
using Scanner.Testing.Inventory;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// Issue 16: an exempted result stays findable in Security Hub. It is PASSED and ARCHIVED (out of the default view,
/// as accepted risk), never SUPPRESSED (a provider cannot change Workflow after the first import, and SUPPRESSED would
/// survive the finding's return to ACTIVE when the exemption expires), and carries its exemption in product fields a
/// reviewer filters on. The results come from the evaluator, as in production.
/// </summary>
public sealed class ExemptionFindingTests
{
    private const string Account = Scenario.MemberId;
    private static readonly DateTimeOffset Now = Scenario.Now;

    private static CheckResult LocalUser(ScanPolicy policy, params (string Key, string Value)[] tags)
    {
        var inventory = InventoryBuilder.Member(Account, "payments-dev").Home("us-east-1")
            .User(Make.User("bob", password: true, mfa: true, tags: Make.Tags(tags), accountId: Account))
            .Build();
        return Scenario.Evaluate(new LocalUserCheck(), inventory, policy).Single();
    }

    [Fact]
    public void A_tag_exemption_in_force_is_archived_and_passed_with_source_declaration_reason_and_expiry_in_product_fields()
    {
        var result = LocalUser(ScanPolicy.Default,
            ("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-07-31"), ("compliance:exempt-reason", "CHG-7"));

        var finding = new AsffMapper().Map(result, "us-east-1", Now);

        result.Status.Should().Be(CheckStatus.Exempted);
        finding.RecordState.Should().Be("ARCHIVED");
        finding.Compliance!.Status.Should().Be("PASSED");
        finding.Workflow.Should().BeNull(because: "Workflow belongs to the people triaging");
        finding.ProductFields.Should().Contain(new Dictionary<string, string>
        {
            ["compliance/status"] = "EXEMPTED",
            ["compliance/exemptionSource"] = "resource-tag",
            ["compliance/exemptionDeclaredAt"] = "tag compliance:exempt on IAM user 'bob'",
            ["compliance/exemptionReason"] = "CHG-7",
            ["compliance/exemptionUntil"] = "2025-07-31",
        });
        finding.ProductFields.Should().NotContainKey("compliance/exemptionRefusedBy");
    }

    [Fact]
    public void A_policy_file_exemption_without_expiry_says_none()
    {
        var policy = PolicyLoader.Parse($"""
            exemptions:
              - check: iam.local-user
                account: "{Account}"
                resource: bob
                reason: Break-glass, SEC-1
            """, "policy.yaml");

        var fields = new AsffMapper().Map(LocalUser(policy), "us-east-1", Now).ProductFields!;

        fields["compliance/exemptionSource"].Should().Be("policy-file");
        fields["compliance/exemptionDeclaredAt"].Should().Be("policy exemption policy.yaml exemptions[0]");
        fields["compliance/exemptionReason"].Should().Be("Break-glass, SEC-1");
        fields["compliance/exemptionUntil"].Should().Be("none");
    }

    [Fact]
    public void A_refused_self_granted_exemption_stays_an_active_failure_naming_the_rules()
    {
        var result = LocalUser(ScanPolicy.Default, ("compliance:exempt", "*"));

        var finding = new AsffMapper().Map(result, "us-east-1", Now);

        finding.RecordState.Should().Be("ACTIVE");
        finding.Compliance!.Status.Should().Be("FAILED");
        finding.ProductFields!["compliance/status"].Should().Be("FAILED");
        finding.ProductFields["compliance/exemptionRefusedBy"].Should().Be("tagExemptions.allowWildcard, tagExemptions.requireExpiry");
        finding.ProductFields.Should().NotContainKey("compliance/exemptionSource");
        finding.Description.Should().Contain("(rule tagExemptions.allowWildcard)");
    }

    [Fact]
    public void A_stored_exemption_record_without_its_expiry_field_is_refreshed()
    {
        var result = LocalUser(ScanPolicy.Default, ("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", "2025-07-31"));
        var reconciler = new FindingReconciler();
        var first = reconciler.Reconcile(new ReconcileInput
        {
            AccountId = Account, Region = "us-east-1", Results = [result], Existing = [], ChecksRun = Results.Ran("iam.local-user"), Gaps = [], Now = Now,
        }).Imports.Single().Finding;
        // As an earlier version wrote it: without the exemption's expiry field, and without a content fingerprint.
        var older = first with
        {
            ProductFields = first.ProductFields!.Where(p => p.Key is not "compliance/exemptionUntil" and not "compliance/contentHash").ToDictionary(p => p.Key, p => p.Value),
        };

        var again = reconciler.Reconcile(new ReconcileInput
        {
            AccountId = Account, Region = "us-east-1", Results = [result], Existing = [older], ChecksRun = Results.Ran("iam.local-user"), Gaps = [], Now = Now.AddDays(1),
        });

        again.Imports.Should().ContainSingle().Which.Change.Should().Be(FindingChange.Exempted,
            because: "a record written before the exemption's fields existed is brought up to date, not left for 30 days");
    }
}
