using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.Commands;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Issue "checks", end to end: the demo organization seeded in moto, scanned by the CLI's own runner (no publishing),
/// gives exactly the results ExpectedDemoFindings documents, in every output format.
/// </summary>
[Collection(DemoMotoCollection.Name)]
public sealed partial class DemoScanTests(MotoFixture moto) : IAsyncLifetime, IDisposable
{
    private static readonly string[] RequiredFields =
        ["checkId", "accountId", "region", "resourceType", "resourceId", "status", "severity", "title", "remediation"];

    private readonly DemoCli _cli = new();
    private DemoOrganizationInfo _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await moto.UseDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Json_output_holds_exactly_the_documented_failures_and_exemptions()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json));

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: $"the demo has failures\n{run}");
        var rows = DemoExpectations.Rows(run.Stdout); // all of stdout is one JSON document: nothing else was printed there
        rows.WithStatus("FAILED").Should().BeEquivalentTo(DemoExpectations.Failed(_demo),
            because: $"ExpectedDemoFindings.Failed lists every failure and nothing else fails\n{run}");
        rows.WithStatus("EXEMPTED").Should().BeEquivalentTo(DemoExpectations.Exempted(_demo), because: run.ToString());
        rows.WithStatus("ERROR").Should().BeEmpty(because: "every demo account can be scanned");
        var failedOrExempted = rows.Where(r => r.Text("status") != "PASSED").Select(r => r.Key()).ToList();
        failedOrExempted.Should().NotIntersectWith(DemoExpectations.MustNotFail(_demo));
        rows.Select(r => r.Key()).Should().OnlyHaveUniqueItems(because: "one result per check, Region and subject");

        foreach (var row in rows)
        {
            foreach (var field in RequiredFields)
            {
                row.Text(field).Should().NotBeNullOrWhiteSpace(because: $"every result carries {field}: {row}");
            }

            row.Text("status").Should().BeOneOf("FAILED", "PASSED", "EXEMPTED", "ERROR", "NOT_APPLICABLE");
            row.Text("severity").Should().BeOneOf("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
            row.Text("accountId").Should().MatchRegex("^[0-9]{12}$");
            _demo.AccountIds.Values.Should().Contain(row.Text("accountId"));
        }

        var exempted = rows.Single(r => r.Text("status") == "EXEMPTED");
        exempted.Text("reason").Should().Contain("compliance:exempt", because: "an exemption says where it comes from");

        run.Stderr.Should().Contain("9 account(s) scanned, 0 not scanned; 18 failure(s)", because: "the summary goes to stderr");
        run.Stdout.Should().NotContain("account(s) scanned", because: "stdout is only the JSON");
    }

    [Fact]
    public async Task Csv_output_is_the_same_results_as_rfc4180_rows_under_a_header()
    {
        var json = DemoExpectations.Rows((await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json))).Stdout);
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Csv));

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var records = Rfc4180.Parse(run.Stdout);
        string[] header = ["checkId", "accountId", "accountName", "region", "resourceType", "resourceId", "status", "severity", "title", "description", "remediation", "remediationUrl", "reason"];
        records[0].Should().Equal(header);
        records.Should().HaveCount(json.Count + 1, because: "one row per result");
        records.Skip(1).Where(r => r.Count != header.Length).Select(r => $"{r.Count} fields: {string.Join(" | ", r.Take(4))}")
            .Should().BeEmpty(because: "a comma or line break inside a field is quoted, so every row has the header's fields");

        // Row for row, field for field the JSON output (formula-like leading characters are defused with a quote).
        for (var i = 0; i < json.Count; i++)
        {
            var expected = header.Select(name => json[i].Text(name)).Select(v => v.Length > 0 && v[0] is '=' or '+' or '-' or '@' ? "'" + v : v);
            records[i + 1].Should().Equal(expected, because: $"CSV row {i + 1} is JSON result {i}");
        }

        records.Skip(1).Count(r => r[6] == "FAILED").Should().Be(ExpectedDemoFindings.Failed.Count);
        records.Skip(1).Should().Contain(r => r[9].Contains(',', StringComparison.Ordinal), because: "the demo has descriptions with commas, which must survive quoting");
        run.Stderr.Should().Contain("account(s) scanned");
    }

    [Fact]
    public async Task Asff_output_is_a_valid_BatchImportFindings_body()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Asff));

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        document.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal(["Findings"], because: "the body of BatchImportFindings is {{\"Findings\": [...]}}");
        var findings = document.RootElement.GetProperty("Findings").EnumerateArray().ToList();
        findings.Should().NotBeEmpty();

        foreach (var f in findings)
        {
            var account = Str(f, "AwsAccountId");
            account.Should().MatchRegex("^[0-9]{12}$");
            Str(f, "SchemaVersion").Should().Be("2018-10-08");
            Str(f, "Id").Should().NotBeNullOrWhiteSpace().And.Subject!.Length.Should().BeLessThanOrEqualTo(512);
            Str(f, "ProductArn").Should().Be($"arn:aws:securityhub:us-east-1:{account}:product/{account}/default",
                because: "with the default product ARN only the account named in the finding may import it");
            Str(f, "GeneratorId").Should().NotBeNullOrWhiteSpace();
            f.GetProperty("Types").EnumerateArray().Should().NotBeEmpty().And.OnlyContain(t => t.GetString()!.Split('/', StringSplitOptions.None).Length <= 3);
            DateTimeOffset.Parse(Str(f, "CreatedAt")!, System.Globalization.CultureInfo.InvariantCulture).Should().BeAfter(DateTimeOffset.UnixEpoch);
            DateTimeOffset.Parse(Str(f, "UpdatedAt")!, System.Globalization.CultureInfo.InvariantCulture).Should().BeAfter(DateTimeOffset.UnixEpoch);
            f.GetProperty("Severity").GetProperty("Label").GetString().Should().BeOneOf("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
            Str(f, "Title").Should().NotBeNullOrWhiteSpace().And.Subject!.Length.Should().BeLessThanOrEqualTo(256);
            Str(f, "Description").Should().NotBeNullOrWhiteSpace().And.Subject!.Length.Should().BeLessThanOrEqualTo(1024);
            var resource = f.GetProperty("Resources")[0];
            Str(resource, "Type").Should().NotBeNullOrWhiteSpace();
            Str(resource, "Id").Should().NotBeNullOrWhiteSpace();
            f.GetProperty("Compliance").GetProperty("Status").GetString().Should().BeOneOf("PASSED", "WARNING", "FAILED", "NOT_AVAILABLE");
        }

        findings.Select(f => Str(f, "Id")).Should().OnlyHaveUniqueItems();
        var active = findings.Where(f => Str(f, "RecordState") == "ACTIVE").ToList();
        active.Select(f => new ResultKey(Str(f, "GeneratorId")!, Str(f, "AwsAccountId")!, Str(f.GetProperty("Resources")[0], "Region")!, Str(f.GetProperty("Resources")[0], "Id")!))
            .Should().BeEquivalentTo(DemoExpectations.Failed(_demo), because: "exactly the failures become active findings");
        active.Should().OnlyContain(f => f.GetProperty("Compliance").GetProperty("Status").GetString() == "FAILED");
        findings.Where(f => Str(f, "RecordState") == "ARCHIVED")
            .Select(f => new ResultKey(Str(f, "GeneratorId")!, Str(f, "AwsAccountId")!, Str(f.GetProperty("Resources")[0], "Region")!, Str(f.GetProperty("Resources")[0], "Id")!))
            .Should().BeEquivalentTo(DemoExpectations.Exempted(_demo), because: "exemptions are recorded, archived, never hidden");
        run.Stderr.Should().Contain("account(s) scanned");
    }

    [Fact]
    public async Task Html_report_is_self_contained_and_names_every_failure_encoded()
    {
        var html = _cli.TempPath("report.html");
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { HtmlFile = html });

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        run.Stderr.Should().Contain($"HTML report written to {html}");
        var page = await File.ReadAllTextAsync(html);
        page.Should().StartWith("<!DOCTYPE html>");

        // Nothing is fetched: no external scripts, styles, images, frames or fonts. Plain links (<a href>) to the
        // AWS documentation in the remediation are fine, they are only followed when clicked.
        foreach (Match tag in FetchingTag().Matches(page))
        {
            tag.Value.Should().NotMatchRegex("(?i)(src|href|srcset|data)\\s*=\\s*[\"']?(https?:)?//", because: "the report must open offline");
        }

        page.Should().NotMatchRegex("(?i)url\\(\\s*['\"]?(https?:)?//").And.NotMatchRegex("(?i)@import");
        page.Should().Contain("href=\"https://docs.aws.amazon.com/", because: "remediation links to the AWS documentation");

        var failed = DemoExpectations.Rows(run.Stdout).Where(r => r.Text("status") == "FAILED").ToList();
        failed.Should().HaveCount(ExpectedDemoFindings.Failed.Count);
        foreach (var row in failed)
        {
            var title = row.Text("title");
            page.Should().Contain(WebUtility.HtmlEncode(title), because: $"the report lists '{title}'");
            if (title.AsSpan().IndexOfAny("<>&'\"") >= 0)
            {
                page.Should().NotContain(title, because: "titles are HTML-encoded, never raw markup");
            }
        }

        failed.Select(r => r.Text("title")).Should().Contain(t => t.Contains('\''), because: "at least one title needs encoding, or this test proves nothing");
    }

    [Fact]
    public async Task Table_output_shows_each_account_with_findings_and_the_summary()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Table));

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        foreach (var name in ExpectedDemoFindings.Failed.Concat(ExpectedDemoFindings.Exempted).Select(e => e.AccountName).Distinct())
        {
            run.Stdout.Should().Contain(_demo.AccountId(name), because: $"{name} has findings to show");
        }

        run.Stdout.Should().Contain("9 account(s) scanned, 0 not scanned; 18 failure(s)");
        run.Stdout.Should().Contain("FAILED").And.Contain("EXEMPTED").And.Contain("iam.local-user");
        run.Stdout.Should().NotContain("\u001b[", because: "a redirected stdout gets no ANSI escapes");
        // With the table format the summary is part of the table output; stderr holds only the one gap the emulator leaves
        // (moto has no iam:ListOrganizationsFeatures, see ExpectedDemoFindings).
        run.Stderr.Split("warning:").Where(w => w.Length > 0).Should().ContainSingle()
            .Which.Should().StartWith($" account {_demo.ManagementAccountId} (master): iam-organization-features ListOrganizationsFeatures");
    }

    [Fact]
    public async Task A_policy_file_with_an_unknown_key_is_refused_before_scanning()
    {
        var policy = _cli.TempPath("typo.yaml");
        await File.WriteAllTextAsync(policy, DemoOrganization.PolicyYaml + "\naprovedRegions: [us-east-1]\n");

        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { PolicyFile = policy });

        run.ExitCode.Should().Be(ScanRunner.ExitCouldNotRun);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().StartWith("error: ").And.Contain("aprovedRegions").And.Contain("unknown key").And.Contain("approvedRegions",
            because: "the message names the bad key and what was probably meant");
    }

    [Fact]
    public async Task A_malformed_account_id_is_refused()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { Accounts = ["1234"] });

        run.ExitCode.Should().Be(ScanRunner.ExitCouldNotRun);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().StartWith("error: ").And.Contain("--account").And.Contain("1234");
    }

    [Fact]
    public async Task An_account_outside_the_organization_is_refused()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { Accounts = [_demo.AccountId("network"), "999988887777"] });

        run.ExitCode.Should().Be(ScanRunner.ExitCouldNotRun);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().StartWith("error: ").And.Contain("--account 999988887777").And.Contain(_demo.OrganizationId)
            .And.NotContain(_demo.AccountId("network"), because: "only the unknown account is named");
    }

    [Fact]
    public async Task An_invalid_approved_region_is_refused()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { ApprovedRegions = "us-east-1,us-east-9x" });

        run.ExitCode.Should().Be(ScanRunner.ExitCouldNotRun);
        run.Stdout.Should().BeEmpty();
        run.Stderr.Should().StartWith("error: ").And.Contain("'us-east-9x' is not a valid region name");
    }

    [Fact]
    public async Task Asking_for_one_account_scans_only_that_account()
    {
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { Accounts = [_demo.AccountId("payments-prod")] });

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var rows = DemoExpectations.Rows(run.Stdout);
        rows.Should().OnlyContain(r => r.Text("accountId") == _demo.AccountId("payments-prod"));
        rows.WithStatus("FAILED").Should().BeEquivalentTo(DemoExpectations.Failed(_demo).Where(k => k.AccountId == _demo.AccountId("payments-prod")));
        run.Stderr.Should().Contain("1 account(s) scanned");
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("(?is)<(script|link|img|iframe|source|video|audio|embed|object|image|use|input|frame)\\b[^>]*>")]
    private static partial Regex FetchingTag();
}
