using System.Text.Json;
using Amazon.Runtime;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Commands;
using Scanner.Demo;

namespace Scanner.Testing;

/// <summary>One result of `scan --format json`, the part that says what was found where.</summary>
public sealed record ResultKey(string CheckId, string AccountId, string Region, string ResourceId, string Status);

/// <summary>What one CLI scan did: its exit code, everything it printed, and its JSON results when asked for.</summary>
public sealed record CliScanOutcome(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The JSON array of results, parsed.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
    }

    public IReadOnlyList<JsonElement> Rows => [.. Json.EnumerateArray()];

    public IReadOnlySet<ResultKey> Keys => Rows.Select(r => new ResultKey(
        r.GetProperty("checkId").GetString()!, r.GetProperty("accountId").GetString()!, r.GetProperty("region").GetString()!,
        r.GetProperty("resourceId").GetString()!, r.GetProperty("status").GetString()!)).ToHashSet();

    public override string ToString() => $"exit {ExitCode}\n--- stderr ---\n{Stderr}\n--- stdout ---\n{(Stdout.Length > 4000 ? Stdout[..4000] + "…" : Stdout)}";
}

/// <summary>Runs the CLI's scan the way a person would, pointed at an endpoint (a proxy in front of moto), with the demo's policy.</summary>
public static class CliScan
{
    public static readonly AWSCredentials ManagementCredentials = new BasicAWSCredentials("testing", "testing");

    public static AwsEnvironment Environment(string endpoint) => new()
    {
        Region = DemoOrganization.HomeRegion,
        EndpointUrl = endpoint,
        Credentials = ManagementCredentials,
    };

    /// <summary>A scan of the demo organization with its policy file; <paramref name="configure"/> adjusts the request.</summary>
    public static async Task<CliScanOutcome> RunAsync(string endpoint, bool publish, Func<ScanRequest, ScanRequest>? configure = null, string? policyYaml = null)
    {
        var policyFile = Path.Combine(Path.GetTempPath(), $"faults-policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(policyFile, policyYaml ?? DemoOrganization.PolicyYaml);
        try
        {
            var request = new ScanRequest
            {
                EndpointUrl = endpoint,
                Region = DemoOrganization.HomeRegion,
                AuditRole = DemoOrganization.MemberRoleName,
                PolicyFile = policyFile,
                Format = OutputFormat.Json,
                Publish = publish,
            };
            return await RunAsync(endpoint, configure?.Invoke(request) ?? request);
        }
        finally
        {
            File.Delete(policyFile);
        }
    }

    public static async Task<CliScanOutcome> RunAsync(string endpoint, ScanRequest request)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = Environment(endpoint);
        using var timeout = new CancellationTokenSource(Patience.Scan);
        var exit = await new ScanRunner(stdout, stderr, interactive: false) { Environment = _ => environment }.RunAsync(request, timeout.Token);
        return new CliScanOutcome(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// The warnings on stderr, less the one the emulator always causes: moto has no iam:ListOrganizationsFeatures and
    /// answers 500, so the management account's scan records that gap (see ExpectedDemoFindings).
    /// </summary>
    public static IReadOnlyList<string> UnexpectedWarnings(string stderr) =>
        [.. (stderr ?? "").Split("warning:").Skip(1).Where(w => !w.Contains("iam-organization-features ListOrganizationsFeatures", StringComparison.Ordinal))];

    /// <summary>Every finding in one account's Security Hub (home region), read straight from moto.</summary>
    public static async Task<List<AsffFinding>> FindingsAsync(MotoFixture moto, string accountId)
    {
        var credentials = accountId == MotoFixture.ManagementAccountId ? MotoFixture.DefaultCredentials : await moto.AssumeAsync(accountId);
        using var hub = moto.Client(SecurityHubApi.Service, DemoOrganization.HomeRegion, credentials);
        return await hub.PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(new AsffFilters()), CancellationToken.None).ToListAsync();
    }
}
