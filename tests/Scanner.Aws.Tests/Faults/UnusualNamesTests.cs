using System.Text;
using System.Text.Json;
using Scanner.Aws.Publishing;
using Scanner.Commands;
using Xunit.Abstractions;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// Names and tag values as AWS allows them, not as tests usually write them: non-ASCII user names ('müller-ü', '日本'),
/// a user name with a comma (IAM allows it; the credential report does not quote it), the longest user name, 256-character
/// non-ASCII tag values. The scan completes, its JSON names them exactly (UTF-8 round trip), and its ASFF stays valid.
/// </summary>
public sealed class UnusualNamesTests(MotoFixture moto, ITestOutputHelper output) : IClassFixture<MotoFixture>
{
    private const string Policy =
        """
        approvedRegions: [us-east-1, eu-west-1]
        requiredTags: [owner, cost-center]
        """;

    /// <summary>256 characters (the most a tag value may have), most of them outside ASCII.</summary>
    private static readonly string LongValue = string.Concat(Enumerable.Repeat("müller-ü 日本 ", 21)) + "äöüß";

    /// <summary>64 characters, the longest IAM user name.</summary>
    private static readonly string LongestName = new string('x', 52) + "-müller-日本-ß";

    private static readonly string[] UserNames = ["müller-ü", "日本", "a", "a,b", LongestName];

    [Fact]
    public async Task A_scan_of_unusual_names_and_long_non_ASCII_tag_values_names_them_exactly_in_JSON_and_keeps_ASFF_valid()
    {
        LongValue.Should().HaveLength(256);
        LongestName.Should().HaveLength(64);
        await moto.ResetAsync();
        using var org = new SmallOrganization(moto.Endpoint);
        await org.CreateAsync();
        var odd = await org.CreateAccountAsync("odd-names", ("owner", "müller-ü"), ("cost-center", "日本"));
        var credentials = await org.AssumeAsync(odd);
        await org.CreateUserAsync(credentials, "müller-ü", consolePassword: true, ("team", LongValue));
        await org.CreateUserAsync(credentials, "日本", consolePassword: false, ("compliance:exempt", "iam.local-user"), ("compliance:exempt-until", LongValue));
        await org.CreateUserAsync(credentials, "a", consolePassword: true);
        await org.CreateUserAsync(credentials, "a,b", consolePassword: false);
        await org.CreateUserAsync(credentials, LongestName, consolePassword: false, ("note", LongValue));
        var instance = await org.RunInstanceAsync(credentials, "us-east-1", ("Name", "日本のサーバー"), ("owner", LongValue),
            ("compliance:exempt", "tag.resource-missing-required"), ("compliance:exempt-until", LongValue));
        var function = await org.CreateFunctionAsync(credentials, "us-east-1", "fn", ("owner", "日本"), ("note", LongValue));
        using var proxy = new AwsProxy(moto.Endpoint);
        ScanRequest OnlyOdd(ScanRequest r) => r with { Accounts = [odd] };

        var json = await CliScan.RunAsync(proxy.Endpoint, publish: false, OnlyOdd, Policy);

        json.ExitCode.Should().Be(ScanRunner.ExitFindings, json.ToString());
        json.Keys.Should().NotContain(k => k.Status == "ERROR");
        var rows = ParseUtf8(json.Stdout).RootElement.EnumerateArray().ToList();
        foreach (var name in UserNames)
        {
            var row = rows.Should().ContainSingle(r => r.GetProperty("checkId").GetString() == "iam.local-user"
                && r.GetProperty("resourceId").GetString() == $"arn:aws:iam::{odd}:user/{name}", json.ToString()).Subject;
            row.GetProperty("status").GetString().Should().Be("FAILED");
            row.GetProperty("title").GetString().Should().Contain($"'{name}'");

            // Each user judged on its own facts: "a" has a console password, "a,b" (whose report row cannot be read) has none.
            row.GetProperty("severity").GetString().Should().Be(name is "müller-ü" or "a" ? "HIGH" : "LOW", name);
        }

        var japanese = rows.Single(r => r.GetProperty("resourceId").GetString() == $"arn:aws:iam::{odd}:user/日本");
        japanese.GetProperty("description").GetString().Should().Contain($"'{LongValue}'", "the unreadable expiry is quoted exactly");
        var server = rows.Single(r => r.GetProperty("checkId").GetString() == "tag.resource-missing-required" && r.GetProperty("resourceId").GetString() == instance);
        server.GetProperty("status").GetString().Should().Be("FAILED", "an expiry that is not a date exempts nothing");
        server.GetProperty("description").GetString().Should().Contain(LongValue);
        rows.Should().Contain(r => r.GetProperty("checkId").GetString() == "tag.resource-missing-required" && r.GetProperty("resourceId").GetString() == function);
        rows.Should().Contain(r => r.GetProperty("checkId").GetString() == "tag.account-missing-required" && r.GetProperty("status").GetString() == "PASSED");
        json.Stdout.Should().Contain("müller-ü").And.Contain("日本", "the JSON report writes names as they are, not as \\u escapes");

        var asff = await CliScan.RunAsync(proxy.Endpoint, publish: false, r => OnlyOdd(r) with { Format = OutputFormat.Asff }, Policy);

        asff.ExitCode.Should().Be(ScanRunner.ExitFindings, asff.ToString());
        var findings = ParseUtf8(asff.Stdout).RootElement.GetProperty("Findings").EnumerateArray().ToList();
        findings.Should().NotBeEmpty();
        foreach (var finding in findings)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(finding).Length;
            bytes.Should().BeLessThan(AsffFormat.FindingBytes, "Security Hub takes at most 240 KB a finding");
            foreach (var required in new[] { "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "CreatedAt", "UpdatedAt", "Title", "Description" })
            {
                finding.GetProperty(required).GetString().Should().NotBeNullOrWhiteSpace(required);
            }

            finding.GetProperty("Types").GetArrayLength().Should().BePositive();
            finding.GetProperty("Resources").GetArrayLength().Should().Be(1);
            finding.GetProperty("Id").GetString()!.Length.Should().BeLessThanOrEqualTo(512);
            finding.GetProperty("Title").GetString()!.Length.Should().BeLessThanOrEqualTo(256);
            finding.GetProperty("Description").GetString()!.Length.Should().BeLessThanOrEqualTo(1024);
            finding.GetProperty("AwsAccountId").GetString().Should().Be(odd);
        }

        foreach (var name in UserNames)
        {
            var user = findings.Should().ContainSingle(f => f.GetProperty("Resources")[0].GetProperty("Id").GetString() == $"arn:aws:iam::{odd}:user/{name}").Subject;
            user.GetProperty("Resources")[0].GetProperty("Details").GetProperty("AwsIamUser").GetProperty("UserName").GetString().Should().Be(name);
        }

        findings.Should().ContainSingle(f => f.GetProperty("Resources")[0].GetProperty("Id").GetString() == $"arn:aws:iam::{odd}:user/日本")
            .Which.GetProperty("Description").GetString().Should().Contain(LongValue);
        output.WriteLine(asff.Stderr);
    }

    /// <summary>Parses output the way another program would read it: as UTF-8 bytes.</summary>
    private static JsonDocument ParseUtf8(string text) => JsonDocument.Parse(Encoding.UTF8.GetBytes(text));
}
