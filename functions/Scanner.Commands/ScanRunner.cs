using System.Diagnostics;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Scanning;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Commands.Output;
using Scanner.Core.Policy;
using Spectre.Console;

namespace Scanner.Commands;

/// <summary>
/// The `scan` verb: read the organization, scan every ACTIVE account (or the ones asked for) concurrently,
/// optionally publish, then report. Exit codes: 0 nothing failed, 3 failures or errors found, 1 the scan could
/// not run at all.
/// </summary>
public sealed class ScanRunner(TextWriter stdout, TextWriter stderr, bool interactive)
{
    public const int ExitClean = 0;
    public const int ExitCouldNotRun = 1;
    public const int ExitFindings = 3;

    public async Task<int> RunAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        ScanPolicy policy;
        AwsEnvironment? resolved = null;
        try
        {
            if (request.Concurrency is < 1 or > 256)
            {
                throw new PolicyException($"--concurrency: {request.Concurrency} is not between 1 and 256.");
            }

            if (request.RegionConcurrency is < 1 or > 32)
            {
                throw new PolicyException($"--region-concurrency: {request.RegionConcurrency} is not between 1 and 32.");
            }

            if (request.Region is { } region)
            {
                PolicyValidation.Region(region, "--region");
            }

            foreach (var id in request.Accounts)
            {
                PolicyValidation.AccountId(id, "--account");
            }

            // The AWS environment is set up here only for a policy in S3, so that a bad file is reported before missing credentials.
            policy = await PolicyInput.LoadAsync(request, EnvironmentVariables(), () => resolved ??= ResolveEnvironment(request), cancellationToken);
        }
        catch (PolicyException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return ExitCouldNotRun;
        }
        catch (Exception e) when (e is ArgumentException or Amazon.Runtime.AmazonClientException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return ExitCouldNotRun;
        }

        AwsEnvironment environment;
        try
        {
            environment = resolved ?? ResolveEnvironment(request);
        }
        catch (Exception e) when (e is ArgumentException or Amazon.Runtime.AmazonClientException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return ExitCouldNotRun;
        }

        using var sessions = new AccountSessionFactory(environment, policy.AuditRoleName, policy.ExternalId);
        string scannerAccountId;
        OrganizationSnapshot organization;
        try
        {
            scannerAccountId = await CallerAccountAsync(environment, cancellationToken);
            using var organizations = new ProtocolClient(environment.Credentials, OrganizationsApi.Service, environment.Region, environment.EndpointUrl);
            using var iam = new ProtocolClient(environment.Credentials, IamApi.Service, environment.Region, environment.EndpointUrl);
            organization = await new OrganizationReader(organizations, iam).ReadAsync(cancellationToken);
        }
        catch (AwsServiceException e)
        {
            await stderr.WriteLineAsync($"error: could not read the organization: {e.Message}");
            await stderr.WriteLineAsync(e.Kind switch
            {
                AwsErrorKind.AccessDenied => "Run the scan with credentials of the management account (or a delegated administrator) that may call organizations:List*/Describe*.",
                AwsErrorKind.NotEnabled => "This account is not part of an organization with all features enabled.",
                _ => "Check the region, credentials and --endpoint-url.",
            });
            return ExitCouldNotRun;
        }

        var accounts = organization.Accounts.Where(a => a.Status == "ACTIVE").ToList();
        if (request.Accounts.Count > 0)
        {
            var unknown = request.Accounts.Where(id => organization.Accounts.All(a => a.Id != id)).ToList();
            if (unknown.Count > 0)
            {
                await stderr.WriteLineAsync($"error: --account {string.Join(", ", unknown)}: not an account of organization {organization.OrganizationId}.");
                return ExitCouldNotRun;
            }

            // Asked for by id: scanned even if not ACTIVE, so that the result says why it cannot be.
            accounts = [.. organization.Accounts.Where(a => request.Accounts.Contains(a.Id))];
        }

        var collector = new AccountCollector(new CollectionOptions { RegionConcurrency = request.RegionConcurrency }, TimeProvider.System);
        var publisher = request.Publish ? new ScanPublisher(sessions, new SecurityHubPublisher(PublisherOptions.For(policy)), scannerAccountId) : null;
        var history = publisher is null ? null : await ReadHealthAsync(publisher, cancellationToken);
        var pipeline = new AccountScanPipeline(new AccountScanner(sessions, collector, policy, scannerAccountId), publisher, TimeProvider.System);
        var scans = await RunWithProgressAsync(new OrganizationScan(pipeline, request.Concurrency), accounts, history, request, cancellationToken);
        if (publisher is not null)
        {
            await ReportPublishingAsync(scans, scannerAccountId, environment.Region);
        }

        var summary = ScanSummary.From(scans, clock.Elapsed);
        await ReportGapsAsync(scans);
        var rows = ResultRow.From(scans);
        switch (request.Format)
        {
            case OutputFormat.Json:
                JsonReport.Write(rows, stdout);
                break;
            case OutputFormat.Csv:
                CsvReport.Write(rows, stdout);
                break;
            case OutputFormat.Asff:
                await stdout.WriteLineAsync(AsffExport.ToJson(AsffExport.Findings(scans.SelectMany(s => s.Results), environment.Region, DateTimeOffset.UtcNow)));
                break;
            case OutputFormat.Ocsf:
                OcsfReport.Write(scans, organization, DateTimeOffset.UtcNow, stdout);
                break;
            default:
                if (TerminalWidth is not null)
                {
                    TableReport.Write(scans, summary, Console(stdout));
                }
                else
                {
                    FixedWidthReport.Write(scans, summary, stdout);
                }

                break;
        }

        if (request.Format != OutputFormat.Table)
        {
            await stderr.WriteLineAsync(summary.Text());
        }

        if (request.HtmlFile is { } html)
        {
            await File.WriteAllTextAsync(html, HtmlReport.Render(scans, summary, organization), cancellationToken);
            await stderr.WriteLineAsync($"HTML report written to {html}");
        }

        // An incomplete scan is not a clean one: what could not be read may hide failures.
        return summary.Failures + summary.Errors > 0 || scans.Any(s => s.Gaps.Count > 0) ? ExitFindings : ExitClean;
    }

    private AwsEnvironment ResolveEnvironment(ScanRequest request) =>
        Environment?.Invoke(request) ?? AwsEnvironment.FromDefaults(request.Region, request.Profile, request.EndpointUrl);

    /// <summary>
    /// The width of the terminal stdout writes to, which the table fills; null when stdout is not a terminal (a file,
    /// a pipe), and the table format then prints plain lines of at most 80 columns.
    /// </summary>
    public int? TerminalWidth { get; init; } = stdout == System.Console.Out && !System.Console.IsOutputRedirected ? WindowWidth() : null;

    /// <summary>Where the scan runs and with which credentials; the SDK's defaults when null (the demo sets its own).</summary>
    public Func<ScanRequest, AwsEnvironment>? Environment { get; init; }

    /// <summary>
    /// What could not be collected, per account, on stderr: results that depend on it were withheld and its findings
    /// left as they were, and a person has to know that part of the picture is missing.
    /// </summary>
    private async Task ReportGapsAsync(IReadOnlyList<AccountScanResult> scans)
    {
        foreach (var scan in scans.Where(s => s.Gaps.Count > 0))
        {
            foreach (var gap in scan.Gaps)
            {
                await stderr.WriteLineAsync(
                    $"warning: account {scan.Account.Id} ({scan.Account.Name}): {Core.Checks.ScanHealth.SourceName(gap.Service)} {gap.Operation} in {gap.Region ?? "every region (global service)"} " +
                    $"could not be read: {gap.ErrorCode}: {gap.Message}; checks that depend on it were not evaluated there.");
            }
        }
    }

    /// <summary>
    /// Every account's scan health as the scanner's own Security Hub holds it, read once for the whole run. Should it
    /// not be readable, each account's health is imported as found (nothing is lost, only more is written).
    /// </summary>
    private async Task<ScanHealthHistory?> ReadHealthAsync(ScanPublisher publisher, CancellationToken ct)
    {
        try
        {
            return await publisher.ReadHealthAsync(ct);
        }
        catch (AwsServiceException e)
        {
            await stderr.WriteLineAsync($"warning: the accounts' scan health could not be read from Security Hub in {publisher.ScannerAccountId}: {e.Message}");
            return null;
        }
    }

    /// <summary>What publishing did, per account and for scan health, on stderr: nothing lost or hidden, failures named.</summary>
    private async Task ReportPublishingAsync(IReadOnlyList<AccountScanResult> scans, string scannerAccountId, string region)
    {
        foreach (var outcome in scans.Select(s => s.Publish).OfType<PublishOutcome>())
        {
            await ReportAsync(outcome, "");
        }

        var health = scans.Select(s => s.HealthPublish).OfType<PublishOutcome>().ToList();
        var failures = health.Where(h => h.Error is not null).ToList();
        await ReportAsync(new PublishOutcome
        {
            AccountId = scannerAccountId,
            Region = region,
            Created = health.Sum(h => h.Created),
            Updated = health.Sum(h => h.Updated),
            Resolved = health.Sum(h => h.Resolved),
            Unchanged = health.Sum(h => h.Unchanged),
            Failed = [.. health.SelectMany(h => h.Failed)],
            Error = failures.Count == 0 ? null : $"{failures.Count} account(s): {failures[0].Error}",
        }, "scan health: ");
    }

    private async Task ReportAsync(PublishOutcome outcome, string what)
    {
        var line = outcome.Error is { } error
            ? $"Security Hub {outcome.AccountId} {outcome.Region}: {what}not published: {error}"
            : $"Security Hub {outcome.AccountId} {outcome.Region}: {what}{outcome.Created} new, {outcome.Reactivated} reopened, {outcome.Updated} updated, {outcome.Resolved} resolved, {outcome.Exempted} exempted, {outcome.Unchanged} unchanged, {outcome.Failed.Count} failed";
        await stderr.WriteLineAsync(line);
        foreach (var failed in outcome.Failed)
        {
            await stderr.WriteLineAsync($"  finding {failed.Id} was not imported: {failed.ErrorCode}: {failed.Message}");
        }
    }

    private async Task<IReadOnlyList<AccountScanResult>> RunWithProgressAsync(
        OrganizationScan scan, List<Core.Inventory.OrganizationAccount> accounts,
        ScanHealthHistory? history, ScanRequest request, CancellationToken ct)
    {
        if (!interactive || request.Format != OutputFormat.Table)
        {
            return await scan.RunAsync(accounts, history, null, null, ct);
        }

        IReadOnlyList<AccountScanResult> scans = [];
        await Console(stdout).Progress().AutoClear(true).StartAsync(async progress =>
        {
            var task = progress.AddTask($"Scanning {accounts.Count} account(s)", maxValue: Math.Max(1, accounts.Count));
            scans = await scan.RunAsync(accounts, history, null, new Progress<AccountScanResult>(_ => task.Increment(1)), ct);
        });
        return scans;
    }

    private IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = writer == System.Console.Out && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = writer == System.Console.Out && !System.Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (TerminalWidth is { } width)
        {
            console.Profile.Width = width;
        }

        return console;
    }

    /// <summary>The terminal's width in columns; 80 when the terminal does not say (some CI pseudo-terminals report 0).</summary>
    private static int WindowWidth()
    {
        try
        {
            return System.Console.WindowWidth is > 0 and var width ? width : FixedWidthReport.Width;
        }
        catch (IOException)
        {
            return FixedWidthReport.Width;
        }
    }

    private static async Task<string> CallerAccountAsync(AwsEnvironment environment, CancellationToken ct)
    {
        using var sts = new AmazonSecurityTokenServiceClient(environment.Credentials,
            OfficialClients.Configure(new AmazonSecurityTokenServiceConfig(), environment.Region, environment.EndpointUrl));
        try
        {
            return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct)).Account;
        }
        catch (Exception e) when (AwsServiceException.IsCallFailure(e, ct))
        {
            throw AwsServiceException.From(e, "STS", "GetCallerIdentity");
        }
    }

    private static Dictionary<string, string?> EnvironmentVariables()
        => System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
}

