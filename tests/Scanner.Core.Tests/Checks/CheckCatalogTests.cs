namespace Scanner.Core.Tests.Checks;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

public class CheckCatalogTests
{
    private static readonly string[] ExpectedIds =
    [
        "cloudtrail.organization-trail",
        "config.recorder",
        "guardduty.enabled",
        "iam.access-key",
        "iam.local-user",
        "iam.root-access-key",
        "iam.root-access-management",
        "iam.root-mfa",
        "org.delegated-administrator",
        "org.management-account-workload",
        "org.ou-placement",
        "region.opt-in-region-enabled",
        "region.resource-outside-approved",
        "scan.account-not-scanned",
        "scp.cloudtrail-protection",
        "scp.iam-user-creation",
        "scp.leave-organization",
        "scp.region-deny",
        "securityhub.enabled",
        "tag.account-missing-required",
        "tag.resource-missing-required",
    ];

    [Fact]
    public void Catalog_lists_exactly_the_fixed_ids_in_order()
    {
        CheckCatalog.All.Select(m => m.Id).Should().Equal(ExpectedIds);
        CheckCatalog.RunnableIds.Should().Equal(ExpectedIds.Where(id => id != "scan.account-not-scanned"));
    }

    [Fact]
    public void Every_check_has_complete_metadata()
    {
        foreach (var metadata in CheckCatalog.All)
        {
            metadata.Title.Should().NotBeNullOrWhiteSpace(metadata.Id);
            metadata.Description.Should().NotBeNullOrWhiteSpace(metadata.Id);
            metadata.Remediation.Length.Should().BeGreaterThan(80, $"{metadata.Id} needs concrete steps")
                .And.BeLessThanOrEqualTo(AsffLimits.MaxRemediationLength, $"{metadata.Id}'s steps must reach Security Hub whole, not cut off at the end");
            metadata.RemediationUrl.Should().StartWith("https://docs.aws.amazon.com/", metadata.Id);
            metadata.FindingTypes.Should().NotBeEmpty(metadata.Id)
                .And.OnlyContain(t => t.StartsWith("Software and Configuration Checks/", StringComparison.Ordinal), metadata.Id);
            if (metadata.Controls.Any(c => c.StartsWith("CIS", StringComparison.Ordinal)))
            {
                metadata.FindingTypes.Should().Contain(FindingTypes.CisBenchmark, metadata.Id);
            }

            if (metadata.MinimumSeverity is { } minimum)
            {
                ((int)minimum).Should().BeLessThan((int)metadata.Severity, metadata.Id);
            }
        }
    }

    [Theory]
    [InlineData("iam.root-access-key", Severity.Critical, new[] { "CIS AWS Foundations 1.4", "AWS FSBP IAM.4" })]
    [InlineData("iam.root-mfa", Severity.Critical, new[] { "CIS AWS Foundations 1.5", "AWS FSBP IAM.9" })]
    [InlineData("iam.access-key", Severity.High, new[] { "CIS AWS Foundations 1.14", "AWS FSBP IAM.3", "AWS FSBP IAM.8" })]
    [InlineData("cloudtrail.organization-trail", Severity.High, new[] { "CIS AWS Foundations 3.1", "CIS AWS Foundations 3.2", "AWS FSBP CloudTrail.1", "AWS FSBP CloudTrail.4" })]
    public void Controls_and_severity_are_declared(string id, Severity severity, string[] controls)
    {
        var metadata = CheckCatalog.Find(id)!;

        metadata.Severity.Should().Be(severity);
        metadata.Controls.Should().Equal(controls);
    }

    [Fact]
    public void Lookup_by_id()
    {
        CheckCatalog.FindCheck("iam.local-user").Should().BeOfType<LocalUserCheck>();
        CheckCatalog.Find("scan.account-not-scanned").Should().BeSameAs(ScanHealth.AccountNotScannedDefinition);
        CheckCatalog.FindCheck("scan.account-not-scanned").Should().BeNull();
        CheckCatalog.Find("iam.nope").Should().BeNull();
        CheckCatalog.IsRunnable("IAM.LOCAL-USER").Should().BeFalse();
    }

    [Fact]
    public void Markdown_table_has_a_row_per_check_ordered_by_id()
    {
        var lines = CheckCatalog.RenderMarkdownTable().TrimEnd('\n').Split('\n');

        lines[0].Should().Be("| Check | Severity | What it finds | Controls |");
        lines[1].Should().Be("|---|---|---|---|");
        lines.Skip(2).Select(l => l.Split('`')[1]).Should().Equal(ExpectedIds);
        lines.Should().Contain(l => l.StartsWith("| `iam.root-access-key` | Critical | ", StringComparison.Ordinal)
            && l.EndsWith(" | CIS AWS Foundations 1.4, AWS FSBP IAM.4 |", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("| `iam.local-user` | Low–High | ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("| `region.opt-in-region-enabled` | Medium | ", StringComparison.Ordinal) && l.EndsWith("| — |", StringComparison.Ordinal));
        lines.Skip(2).Should().OnlyContain(l => l.Count(c => c == '|') == 5, "a pipe in a description would break the row");
    }
}
