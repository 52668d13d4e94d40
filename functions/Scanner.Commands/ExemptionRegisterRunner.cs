using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Scanning;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Commands.Output;
using Scanner.Core.Policy;
using Spectre.Console;

namespace Scanner.Commands;

/// <summary>
/// The `exemptions` verb: the same organization read and account scans as `scan` (the same policy input, collector,
/// account scanner and bounded fan-out), then the exemption register instead of the findings. It never publishes.
/// Exit codes: 0 the register was printed, 1 it could not be made (bad policy, no organization access).
/// </summary>
public sealed class ExemptionRegisterRunner(TextWriter stdout, TextWriter stderr)
{
    /// <summary>Where the scan runs and with which credentials; the SDK's defaults when null (tests set their own).</summary>
    public Func<ScanRequest, AwsEnvironment>? Environment { get; init; }

    public async Task<int> RunAsync(ScanRequest request, RegisterFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ScanPolicy policy;
        AwsEnvironment environment;
        AwsEnvironment? resolved = null;
        AwsEnvironment Resolve() => resolved ??= Environment?.Invoke(request) ?? AwsEnvironment.FromDefaults(request.Region, request.Profile, request.EndpointUrl);
        try
        {
            _ = request.Region is { } home ? PolicyValidation.Region(home, "--region") : null;
            _ = request.Accounts.Select(id => PolicyValidation.AccountId(id, "--account")).ToList();
            policy = await PolicyInput.LoadAsync(request, System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal), Resolve, cancellationToken);
            environment = Resolve();
        }
        catch (Exception e) when (e is PolicyException or ArgumentException or Amazon.Runtime.AmazonClientException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return ScanRunner.ExitCouldNotRun;
        }

        using var sessions = new AccountSessionFactory(environment, policy.AuditRoleName, policy.ExternalId);
        OrganizationSnapshot organization;
        try
        {
            using var organizations = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
            organization = await new OrganizationReader(organizations, iam: null).ReadAsync(cancellationToken);
        }
        catch (AwsServiceException e)
        {
            await stderr.WriteLineAsync($"error: could not read the organization ({e.Message}); the register needs the credentials `scan` uses.");
            return ScanRunner.ExitCouldNotRun;
        }

        var accounts = organization.Accounts
            .Where(a => request.Accounts.Count == 0 ? a.Status == "ACTIVE" : request.Accounts.Contains(a.Id, StringComparer.Ordinal)).ToList();
        var collector = new AccountCollector(new CollectionOptions { RegionConcurrency = request.RegionConcurrency }, TimeProvider.System);

        // Nothing is published, so results about unscannable accounts are only counted here: the management account stands in as the scanner's.
        var scanner = new AccountScanner(sessions, collector, policy, organization.ManagementAccountId);
        var scans = await new OrganizationScan(scanner, Math.Clamp(request.Concurrency, 1, 256)).RunAsync(accounts, null, null, cancellationToken);
        var rows = ExemptionRegister.From(scans);
        switch (format)
        {
            case RegisterFormat.Json:
                ExemptionRegister.WriteJson(rows, stdout);
                break;
            case RegisterFormat.Csv:
                ExemptionRegister.WriteCsv(rows, stdout);
                break;
            default:
                ExemptionRegister.WriteTable(rows, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }));
                break;
        }

        if (format != RegisterFormat.Table)
        {
            await stderr.WriteLineAsync(ExemptionRegister.Summary(rows));
        }

        foreach (var scan in scans.Where(s => s.Error is not null || s.Gaps.Count > 0))
        {
            // The register speaks only for what was read: say where it is incomplete.
            await stderr.WriteLineAsync($"warning: account {scan.Account.Id} ({scan.Account.Name}): "
                + (scan.Error ?? $"{scan.Gaps.Count} collection gap(s); exemptions of results that could not be evaluated are not listed"));
        }

        return ScanRunner.ExitClean;
    }
}
