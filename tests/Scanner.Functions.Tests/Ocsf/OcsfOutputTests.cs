using System.Text.Json;
using Scanner.Commands;
using Scanner.Functions.Tests.EndToEnd;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Ocsf;

/// <summary>
/// `--format ocsf` on the demo organization in moto: every line is an OCSF 1.6 Compliance Finding that the compiled
/// schema accepts, one per result of the same scan's JSON output, with the result's verdict, severity, account,
/// organization and resource carried over.
/// </summary>
[Collection(FunctionsMotoCollection.Name)]
public sealed class OcsfOutputTests(MotoFixture moto) : SeededDemoTests(moto)
{
    private static readonly OcsfValidator Validator = new(OcsfSchema.Root);
    [Fact]
    public async Task Every_event_of_aDemo_scan_is_a_valid_OCSF_compliance_finding_and_matches_its_result()
    {
        var json = DemoExpectations.Rows((await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Json))).Stdout);
        var run = await DemoCli.RunAsync(Cli.Request(Moto.Endpoint, OutputFormat.Ocsf));

        run.ExitCode.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(json.Count, because: "one event per result, one per line");

        var events = new List<JsonElement>();
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            var validation = Validator.Validate(document.RootElement);
            validation.Errors.Should().BeEmpty(because: $"every event must satisfy the OCSF 1.6.0 schema:\n{line}");
            events.Add(document.RootElement.Clone());
        }

        foreach (var e in events)
        {
            e.GetProperty("class_uid").GetInt32().Should().Be(2003);
            e.GetProperty("metadata").GetProperty("version").GetString().Should().Be("1.6.0");
            e.GetProperty("cloud").GetProperty("org").GetProperty("uid").GetString().Should().Be(Demo.OrganizationId);
        }

        // Result for result (the same order as the JSON output): the verdict, severity and subject carried over.
        for (var i = 0; i < json.Count; i++)
        {
            var (row, e) = (json[i], events[i]);
            e.GetProperty("finding_info").GetProperty("analytic").GetProperty("uid").GetString().Should().Be(row.Text("checkId"));
            e.GetProperty("compliance").GetProperty("control").GetString().Should().Be(row.Text("checkId"));
            e.GetProperty("cloud").GetProperty("account").GetProperty("uid").GetString().Should().Be(row.Text("accountId"));
            e.GetProperty("cloud").GetProperty("account").GetProperty("name").GetString().Should().Be(row.Text("accountName"));
            e.GetProperty("cloud").GetProperty("region").GetString().Should().Be(row.Text("region"));
            e.GetProperty("resources")[0].GetProperty("uid").GetString().Should().Be(row.Text("resourceId"));
            e.GetProperty("resources")[0].GetProperty("type").GetString().Should().Be(row.Text("resourceType"));
            e.GetProperty("finding_info").GetProperty("title").GetString().Should().Be(row.Text("title"));
            e.GetProperty("remediation").GetProperty("desc").GetString().Should().Be(row.Text("remediation"));
            e.GetProperty("severity").GetString()!.ToUpperInvariant().Should().Be(row.Text("severity"));
            e.GetProperty("severity_id").GetInt32().Should().Be(row.Text("severity") switch
            {
                "INFORMATIONAL" => 1, "LOW" => 2, "MEDIUM" => 3, "HIGH" => 4, _ => 5,
            });
            var (compliance, status) = row.Text("status") switch
            {
                "FAILED" => (3, 1),
                "EXEMPTED" => (3, 3),
                "PASSED" => (1, 4),
                "NOT_APPLICABLE" => (99, 99),
                _ => (2, 1),
            };
            e.GetProperty("compliance").GetProperty("status_id").GetInt32().Should().Be(compliance, because: $"{row.Text("status")} {row.Key()}");
            e.GetProperty("status_id").GetInt32().Should().Be(status, because: $"{row.Text("status")} {row.Key()}");
        }

        var exempted = events.Single(e => e.GetProperty("status_id").GetInt32() == 3);
        exempted.GetProperty("status_detail").GetString().Should().Contain("compliance:exempt", because: "the exemption is named");

        var withControls = events.Where(e => e.GetProperty("compliance").TryGetProperty("requirements", out _)).ToList();
        withControls.Should().NotBeEmpty(because: "demo failures include checks mapped to CIS and FSBP controls");
        withControls.SelectMany(e => e.GetProperty("compliance").GetProperty("standards").EnumerateArray().Select(s => s.GetString()))
            .Should().Contain("CIS AWS Foundations");

        var inOu = events.Where(e => e.GetProperty("cloud").GetProperty("org").TryGetProperty("ou_uid", out _)).ToList();
        inOu.Should().NotBeEmpty(because: "demo accounts sit in OUs");
        inOu.Select(e => e.GetProperty("cloud").GetProperty("org").GetProperty("ou_uid").GetString())
            .Should().OnlyContain(ou => Demo.OrganizationalUnitIds.Values.Contains(ou));
        run.Stderr.Should().Contain("account(s) scanned", because: "the summary goes to stderr, stdout is only events");
    }
}
