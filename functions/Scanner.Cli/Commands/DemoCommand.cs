using System.CommandLine;
using Amazon.Runtime;
using Scanner.Aws.Sessions;
using Scanner.Cli.Demo;

namespace Scanner.Cli.Commands;

/// <summary>
/// `demo`: start moto on a free loopback port, seed an organization shaped like a real one, scan it with
/// publishing, show the findings and what Security Hub now holds, and stop moto. Nothing leaves this machine.
/// </summary>
public static class DemoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var format = new Option<OutputFormat>("--format") { Description = "table (default), json, csv, asff or ocsf.", DefaultValueFactory = _ => OutputFormat.Table };
        var html = new Option<string?>("--html") { Description = "Also write the HTML report to this file." };
        var command = new Command("demo", "Scan a seeded demo organization on a locally started AWS emulator (moto) and publish to its Security Hub.") { format, html };
        command.SetAction((parse, ct) => RunAsync(stdout, stderr, interactive, parse.GetValue(format), parse.GetValue(html), ct));
        return command;
    }

    public static async Task<int> RunAsync(TextWriter stdout, TextWriter stderr, bool interactive, OutputFormat format, string? html, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        MotoServer moto;
        try
        {
            await stderr.WriteLineAsync("Starting the AWS emulator (moto) on a free loopback port…");
            moto = await MotoServer.StartAsync(ct);
        }
        catch (MotoNotInstalledException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return ScanRunner.ExitCouldNotRun;
        }

        await using (moto)
        {
            await stderr.WriteLineAsync($"Seeding the demo organization at {moto.Endpoint}…");
            var demo = await DemoOrganization.SeedAsync(moto.Endpoint, ct);
            var policyFile = Path.Combine(Path.GetTempPath(), $"org-scanner-demo-policy-{Environment.ProcessId}.yaml");
            await File.WriteAllTextAsync(policyFile, demo.PolicyYaml, ct);
            try
            {
                var environment = new AwsEnvironment
                {
                    Region = DemoOrganization.HomeRegion,
                    EndpointUrl = moto.Endpoint,
                    Credentials = new BasicAWSCredentials("testing", "testing"),
                };
                var runner = CliWiring.ScanRunner(stdout, stderr, interactive, _ => environment);
                var exit = await runner.RunAsync(new ScanRequest
                {
                    EndpointUrl = moto.Endpoint,
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
