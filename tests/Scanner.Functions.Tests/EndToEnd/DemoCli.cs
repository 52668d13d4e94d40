using Amazon.Runtime;
using Scanner.Aws.Sessions;
using Scanner.Commands;
using Scanner.Demo;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>What one CLI run printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the CLI's scan the way `org-scanner scan` does (the same <see cref="ScanRunner"/>, non-interactive), against
/// an emulator endpoint, with the demo's policy in a real file and the demo's audit role.
/// </summary>
public sealed class DemoCli : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("org-scanner-e2e-").FullName;

    public DemoCli()
    {
        PolicyFile = Path.Combine(_directory, "policy.yaml");
        File.WriteAllText(PolicyFile, DemoOrganization.PolicyYaml);
    }

    /// <summary>The demo's policy file (DemoOrganization.PolicyYaml).</summary>
    public string PolicyFile { get; }

    /// <summary>A fresh path in this run's temporary folder.</summary>
    public string TempPath(string name) => Path.Combine(_directory, name);

    /// <summary>The demo scan: moto's management credentials, us-east-1, the demo policy and audit role.</summary>
    public ScanRequest Request(string endpoint, OutputFormat format) => new()
    {
        EndpointUrl = endpoint,
        Region = DemoOrganization.HomeRegion,
        AuditRole = DemoOrganization.MemberRoleName,
        PolicyFile = PolicyFile,
        Format = format,
    };

    /// <param name="request">What to scan and how to print it.</param>
    /// <param name="terminalWidth">The terminal stdout stands for; null: stdout is redirected (not a terminal).</param>
    public static async Task<CliRun> RunAsync(ScanRequest request, int? terminalWidth = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = new AwsEnvironment
        {
            Region = request.Region ?? DemoOrganization.HomeRegion,
            EndpointUrl = request.EndpointUrl,
            Credentials = new BasicAWSCredentials("testing", "testing"),
        };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var runner = new ScanRunner(stdout, stderr, interactive: false) { Environment = _ => environment, TerminalWidth = terminalWidth };
        using var timeout = new CancellationTokenSource(Patience.Scan);
        var exit = await runner.RunAsync(request, timeout.Token);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder harms nothing.
        }
    }
}
