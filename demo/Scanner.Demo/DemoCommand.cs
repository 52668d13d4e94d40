using System.CommandLine;
using Amazon.Runtime;
using Scanner.Aws.Sessions;
using Scanner.Commands;

namespace Scanner.Demo;

/// <summary>
/// The demo (`dotnet run --project demo/Scanner.Demo`): start an AWS emulator on a free loopback port (in this process
/// by default, moto with --moto), seed an organization shaped like a real one, scan it with publishing, show the
/// findings and what Security Hub now holds, and stop the emulator. Nothing leaves this machine. The scan is
/// `org-scanner scan`'s own (<see cref="ScanRunner"/>): same output, same exit codes.
/// </summary>
public static class DemoCommand
{
    public static RootCommand Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var format = new Option<OutputFormat>("--format") { Description = "table (default), json, csv, asff or ocsf.", DefaultValueFactory = _ => OutputFormat.Table };
        var html = new Option<string?>("--html") { Description = "Also write the HTML report to this file." };
        var moto = new Option<bool>("--moto")
        {
            Description = "Serve the demo organization from moto (python3 -m moto.server, needs Python 3 with moto[server]) instead of the in-process AWS emulator.",
        };
        var command = new RootCommand("Scan a seeded demo organization on a local AWS emulator (in-process; moto with --moto) and publish to its Security Hub.") { format, html, moto };
        command.SetAction((parse, ct) => RunAsync(stdout, stderr, interactive, parse.GetValue(format), parse.GetValue(html), parse.GetValue(moto), ct));
        return command;
    }

    public static async Task<int> RunAsync(TextWriter stdout, TextWriter stderr, bool interactive, OutputFormat format, string? html, bool moto, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        DemoBackend backend;
        try
        {
            await stderr.WriteLineAsync(moto ? "Starting the AWS emulator (moto) on a free loopback port…" : "Starting the in-process AWS emulator on a free loopback port…");
            backend = await DemoBackend.StartAsync(moto, ct);
        }
        catch (MotoNotInstalledException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return ScanRunner.ExitCouldNotRun;
        }

        await using (backend)
        {
            await stderr.WriteLineAsync($"Seeding the demo organization in {backend.Name} at {backend.Endpoint}…");
            var demo = await DemoOrganization.SeedAsync(backend.Endpoint, ct);
            var policyFile = Path.Combine(Path.GetTempPath(), $"org-scanner-demo-policy-{Environment.ProcessId}.yaml");
            await File.WriteAllTextAsync(policyFile, demo.PolicyYaml, ct);
            try
            {
                var environment = new AwsEnvironment
                {
                    Region = DemoOrganization.HomeRegion,
                    EndpointUrl = backend.Endpoint,
                    Credentials = new BasicAWSCredentials("testing", "testing"),
                };
                var runner = new ScanRunner(stdout, stderr, interactive) { Environment = _ => environment };
                var exit = await runner.RunAsync(new ScanRequest
                {
                    EndpointUrl = backend.Endpoint,
                    Region = DemoOrganization.HomeRegion,
                    AuditRole = DemoOrganization.MemberRoleName,
                    PolicyFile = policyFile,
                    Format = format,
                    HtmlFile = html,
                    Publish = true,
                }, ct);
                await stderr.WriteLineAsync();
                await SecurityHubSummary.WriteAsync(environment, demo, stderr, ct);
                return exit;
            }
            finally
            {
                File.Delete(policyFile);
            }
        }
    }
}
