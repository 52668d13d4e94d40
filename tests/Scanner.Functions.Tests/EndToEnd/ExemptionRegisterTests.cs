using System.Globalization;
using Amazon.Runtime;
using Scanner.Aws.Sessions;
using Scanner.Commands;
using Scanner.Demo;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Issue 16, end to end: the seeded demo organization in moto, read and scanned by the `exemptions` verb's runner
/// (the scan's own pieces), lists exactly the exemptions ExpectedDemoFindings documents, in every format; with a
/// policy file that adds an entry, that entry is listed too; and the scan calls out the exemption expiring soon.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class ExemptionRegisterTests(MotoFixture moto) : IAsyncLifetime, IDisposable
{
    private const string NetworkEntry = """

        exemptions:
          - check: tag.account-missing-required
            account: "ACCOUNT"
            reason: Owner being appointed, ticket GOV-12
        """;

    private readonly DemoCli _cli = new();
    private DemoOrganizationInfo _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await moto.UseDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _cli.Dispose();

    private async Task<CliRun> RegisterAsync(RegisterFormat format, string? policyFile = null)
    {
        var request = _cli.Request(moto.Endpoint, OutputFormat.Table) with { PolicyFile = policyFile ?? _cli.PolicyFile };
        var environment = new AwsEnvironment
        {
            Region = DemoOrganization.HomeRegion,
            EndpointUrl = moto.Endpoint,
            Credentials = new BasicAWSCredentials("testing", "testing"),
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(Patience.Scan);
        var exit = await new ExemptionRegisterRunner(stdout, stderr) { Environment = _ => environment }.RunAsync(request, format, timeout.Token);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>(state, source, check, account id, resource id, refusing rules) of each documented register row.</summary>
    private IEnumerable<(string, string, string, string, string, string)> Expected() =>
        ExpectedDemoFindings.Exemptions.Select(e => (e.State, e.Source, e.CheckId, _demo.AccountId(e.AccountName),
            _demo.Resource(e.AccountName, e.ResourceName).Arn, e.RefusedBy ?? ""));

    private static (string, string, string, string, string, string) Key(System.Text.Json.JsonElement row) =>
        (row.Text("state"), row.Text("source"), row.Text("checkId"), row.Text("accountId"), row.Text("resourceId"), row.Text("refusedBy"));

    [Fact]
    public async Task Json_register_lists_exactly_the_demo_exemptions_with_where_declared_reason_expiry_and_days_left()
    {
        var run = await RegisterAsync(RegisterFormat.Json);

        run.ExitCode.Should().Be(ScanRunner.ExitClean, because: run.ToString());
        var rows = DemoExpectations.Rows(run.Stdout);
        rows.Select(Key).Should().BeEquivalentTo(Expected(), because: $"ExpectedDemoFindings.Exemptions is the whole register\n{run}");

        var inForce = rows.Single(r => r.Text("state") == "IN_FORCE");
        inForce.Text("declaredAt").Should().Be("tag compliance:exempt on IAM user 'breakglass'");
        inForce.Text("reason").Should().Be("Break-glass user; credentials in the safe, reviewed quarterly");
        inForce.Text("accountName").Should().Be("payments-dev");
        var until = DateOnly.ParseExact(inForce.Text("until"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        inForce.GetProperty("daysLeft").GetInt32().Should().Be(until.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber)
            .And.BeInRange(0, DemoOrganization.BreakglassExemptionDays);

        var refused = rows.Single(r => r.Text("state") == "REFUSED");
        refused.Text("until").Should().BeEmpty(because: "alice's tag has no expiry");
        refused.Text("detail").Should().Contain("(rule tagExemptions.allowWildcard)").And.Contain("(rule tagExemptions.requireExpiry)");

        var expired = rows.Single(r => r.Text("state") == "EXPIRED");
        expired.GetProperty("daysLeft").GetInt32().Should().BeNegative();
        run.Stderr.Should().Contain("1 exemption(s) in force, 1 refused, 1 expired, 0 with an unreadable expiry");
    }

    [Fact]
    public async Task Csv_and_table_registers_hold_the_same_rows()
    {
        var json = DemoExpectations.Rows((await RegisterAsync(RegisterFormat.Json)).Stdout);
        var csv = await RegisterAsync(RegisterFormat.Csv);
        var table = await RegisterAsync(RegisterFormat.Table);

        csv.ExitCode.Should().Be(ScanRunner.ExitClean, because: csv.ToString());
        var records = Rfc4180.Parse(csv.Stdout);
        string[] header = ["state", "source", "declaredAt", "checkId", "accountId", "accountName", "region", "resourceId", "reason", "until", "daysLeft", "refusedBy", "detail"];
        records[0].Should().Equal(header);
        records.Should().HaveCount(ExpectedDemoFindings.Exemptions.Count + 1);
        for (var i = 0; i < json.Count; i++)
        {
            var expected = header.Select(name => name == "daysLeft"
                ? json[i].GetProperty(name).ToString()
                : json[i].Text(name));
            records[i + 1].Should().Equal(expected, because: $"CSV row {i + 1} is JSON row {i}");
        }

        table.ExitCode.Should().Be(ScanRunner.ExitClean, because: table.ToString());
        table.Stdout.Should().Contain("Exemption register").And.Contain("IN_FORCE").And.Contain("REFUSED").And.Contain("EXPIRED")
            .And.Contain("1 exemption(s) in force, 1 refused, 1 expired");
        foreach (var (account, resource) in new[] { ("payments-dev", "breakglass"), ("payments-dev", "old-exempt"), ("payments-prod", "alice") })
        {
            table.Stdout.Should().Contain(_demo.Resource(account, resource).Arn, because: $"a register written to a file is not cut to a terminal's width\n{table.Stdout}");
        }
    }

    [Fact]
    public async Task A_policy_file_entry_is_listed_with_its_entry_and_reason()
    {
        var policy = _cli.TempPath("with-entry.yaml");
        await File.WriteAllTextAsync(policy, DemoOrganization.PolicyYaml + NetworkEntry.Replace("ACCOUNT", _demo.AccountId("network"), StringComparison.Ordinal));

        var run = await RegisterAsync(RegisterFormat.Json, policy);

        var rows = DemoExpectations.Rows(run.Stdout);
        var network = (_demo.AccountId("network"), _demo.Resource("network", "network").Arn);
        rows.Select(Key).Should().BeEquivalentTo(Expected().Append(("IN_FORCE", "policy-file", "tag.account-missing-required", network.Item1, network.Arn, "")),
            because: run.ToString());
        var entry = rows.Single(r => r.Text("source") == "policy-file");
        entry.Text("declaredAt").Should().Be($"policy exemption {policy} exemptions[0]");
        entry.Text("reason").Should().Be("Owner being appointed, ticket GOV-12");
        entry.Text("until").Should().BeEmpty(because: "a policy-file exemption may omit its expiry");
    }

    [Fact]
    public async Task The_scan_calls_out_the_exemption_expiring_soon_in_its_summary_and_HTML_report()
    {
        var html = _cli.TempPath("report.html");
        var run = await DemoCli.RunAsync(_cli.Request(moto.Endpoint, OutputFormat.Json) with { HtmlFile = html });

        var breakglass = _demo.Resource("payments-dev", "breakglass").Arn;
        run.Stderr.Should().Contain($"1 exemption(s) expiring soon: iam.local-user on {breakglass} (account {_demo.AccountId("payments-dev")}), by tag compliance:exempt on IAM user 'breakglass', ends ",
            because: run.ToString());
        var page = await File.ReadAllTextAsync(html);
        page.Should().Contain("<figure id=\"expiring-exemptions\"><figcaption>Exemptions expiring soon</figcaption>")
            .And.Contain($"iam.local-user on {breakglass}");
    }
}
