using System.Text.Json;
using Scanner.Aws.Publishing;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Tests.Publishing;

public sealed class AsffExportTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Exports_what_a_first_publish_would_import_into_each_account()
    {
        CheckResult[] results =
        [
            Results.IamUser("111111111111", "alice"),
            Results.Instance("111111111111", "us-east-1", "i-tagged", CheckStatus.Passed),
            Results.IamUser("222222222222", "carol", CheckStatus.Exempted),
            ScanHealth.AccountNotScanned("333333333333", "", "role missing", "AccessDenied", "111111111111", "us-east-1"),
        ];

        var findings = AsffExport.Findings(results, "us-east-1", Now);

        findings.Select(f => (f.AwsAccountId, f.GeneratorId, f.RecordState)).Should().Equal(
            ("111111111111", "iam.local-user", "ACTIVE"),
            ("111111111111", "scan.account-not-scanned", "ACTIVE"),
            ("222222222222", "iam.local-user", "ARCHIVED"));
        findings.Should().OnlyContain(f => f.ProductArn == $"arn:aws:securityhub:us-east-1:{f.AwsAccountId}:product/{f.AwsAccountId}/default");
    }

    [Fact]
    public void Json_is_a_batch_import_request_body()
    {
        var findings = AsffExport.Findings([Results.IamUser("111111111111", "alice")], "us-east-1", Now);

        using var document = JsonDocument.Parse(AsffExport.ToJson(findings));

        var finding = document.RootElement.GetProperty("Findings").EnumerateArray().Single();
        finding.GetProperty("SchemaVersion").GetString().Should().Be("2018-10-08");
        finding.GetProperty("Id").GetString().Should().Be(findings[0].Id);
    }
}
