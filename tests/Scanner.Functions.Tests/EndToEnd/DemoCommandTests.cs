using Scanner.Commands;
using Scanner.Demo;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// The demo (`dotnet run --project demo/Scanner.Demo -- --moto`), as a user runs it: it starts its own moto, seeds,
/// scans with publishing, prints, and reports what Security Hub holds. Not in the moto collection: it needs no shared
/// server, so it runs beside the others.
/// </summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_end_to_end_with_the_documented_failures_and_a_Security_Hub_summary()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(Patience.Scan);

        var exit = await DemoCommand.RunAsync(stdout, stderr, interactive: false, OutputFormat.Json, html: null, moto: true, timeout.Token);

        var run = new CliRun(exit, stdout.ToString(), stderr.ToString());
        exit.Should().Be(ScanRunner.ExitFindings, because: run.ToString());
        var rows = DemoExpectations.Rows(run.Stdout);

        // The demo's account ids are moto's random ones, so results are matched by check, account name and resource.
        static string Name(string demoName) => demoName == DemoOrganization.ManagementAccountName ? "master" : demoName;
        rows.Where(r => r.Text("status") == "FAILED").Select(r => (r.Text("checkId"), r.Text("accountName")))
            .Should().BeEquivalentTo(ExpectedDemoFindings.Failed.Select(e => (e.CheckId, Name(e.AccountName))), because: run.ToString());
        foreach (var user in new[] { "alice", "ci-deploy", "old-exempt" })
        {
            rows.Should().Contain(r => r.Text("status") == "FAILED" && r.Text("checkId") == ExpectedDemoFindings.LocalUser && r.Text("resourceId").EndsWith(":user/" + user, StringComparison.Ordinal));
        }

        rows.Should().ContainSingle(r => r.Text("status") == "EXEMPTED").Which.Text("resourceId").Should().EndWith(":user/breakglass");
        rows.Should().NotContain(r => r.Text("status") == "ERROR");

        run.Stderr.Should().Contain("Starting the AWS emulator (moto)").And.Contain("Seeding the demo organization");
        run.Stderr.Should().Contain("Security Hub now holds");
        run.Stderr.Should().MatchRegex(@"\d{12} payments-prod\s+3 active", because: "payments-prod's three failures are in its Security Hub");
    }
}
