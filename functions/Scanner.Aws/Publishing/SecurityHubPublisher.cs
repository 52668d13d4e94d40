using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Publishing;

/// <summary>
/// Publishes one account's scan to that account's own Security Hub (with the default product ARN, only the account
/// named in a finding may import it): reads this scanner's findings back (<see cref="ScannerFindingReader"/>), plans the
/// reconcile (<see cref="FindingReconciler"/>), and imports new, updated and resolved findings
/// (<see cref="FindingImporter"/>), every call paced and retried by one layer (<see cref="SecurityHubCalls"/>).
/// Never throws for an AWS failure: the outcome says what happened, so one account's trouble (Security Hub not
/// enabled, a denied call) does not stop the organization's scan.
/// </summary>
public sealed class SecurityHubPublisher
{
    private readonly PublisherOptions _options;
    private readonly FindingReconciler _reconciler;
    private readonly AsffMapper _mapper;
    private readonly ScannerFindingReader _reader;
    private readonly FindingImporter _importer;

    public SecurityHubPublisher(PublisherOptions? options = null)
    {
        _options = options ?? new PublisherOptions();
        var calls = new SecurityHubCalls(_options);
        _reader = new ScannerFindingReader(calls, _options);
        _importer = new FindingImporter(calls, _options);
        _reconciler = new FindingReconciler(_options.Metadata);
        _mapper = new AsffMapper(_options.Metadata);
    }

    /// <summary>Publishes the results of one account's scan into the account's Security Hub in <paramref name="region"/>.</summary>
    /// <param name="session">A session in <paramref name="accountId"/> (its audit role; the scanner's own for its account).</param>
    /// <param name="accountId">The account whose findings these are; every result must name it.</param>
    /// <param name="region">The account's home Region, whose Security Hub receives every finding of the account.</param>
    /// <param name="results">The scan's results for the account.</param>
    /// <param name="checksRun">Ids of the checks that ran; only their findings may be resolved.</param>
    /// <param name="gaps">What the scan could not collect; findings depending on it are left untouched.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    /// <param name="trigger">The change that caused this scan (named in the findings it decides); null for a scheduled scan.</param>
    public async Task<PublishOutcome> PublishAsync(
        AccountSession session,
        string accountId,
        string region,
        IReadOnlyList<CheckResult> results,
        IReadOnlySet<string> checksRun,
        IReadOnlyList<CollectionGap> gaps,
        CancellationToken cancellationToken,
        ScanTrigger? trigger = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        if (!string.Equals(session.AccountId, accountId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The session is for account {session.AccountId}, not {accountId}: findings must be imported by the account they name.", nameof(session));
        }

        return await PublishAsync(session.PacedClient(SecurityHubApi.Service, region), accountId, region, results, checksRun, gaps, cancellationToken, trigger);
    }

    /// <summary>
    /// Publishes scan.account-not-scanned results into the scanner's own account: ERROR results for accounts that
    /// could not be scanned, and PASSED ones (<see cref="AccountScanHealth.Scanned"/>) for accounts that were, which
    /// resolve their earlier findings. Accounts not named are left as they are.
    /// </summary>
    public Task<PublishOutcome> PublishScanHealthAsync(AccountSession ownSession, string region, IReadOnlyList<CheckResult> health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownSession);
        return PublishAsync(ownSession, ownSession.AccountId, region, health, new HashSet<string>(StringComparer.Ordinal) { AccountScanHealth.CheckId }, [], cancellationToken);
    }

    /// <summary>
    /// Every active scan-health finding of this scanner in its own account: one paged GetFindings per run (the
    /// dispatcher's, or the CLI's before it scans), so that no account's scan reads the scanner's account.
    /// </summary>
    public async Task<ScanHealthHistory> ReadScanHealthAsync(AccountSession ownSession, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownSession);
        return await _reader.ScanHealthAsync(ownSession.PacedClient(SecurityHubApi.Service, region), ownSession.AccountId, region, cancellationToken);
    }

    /// <summary>
    /// Imports one account's health finding into the scanner's own account when it differs from what the run began
    /// with (<see cref="AccountScanHealth.Plan"/>); otherwise makes no call at all. Never reads.
    /// </summary>
    public async Task<PublishOutcome> ImportScanHealthAsync(
        AccountSession ownSession, string region, CheckResult health, PreviousScanHealth? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownSession);
        ArgumentNullException.ThrowIfNull(health);
        var accountId = ownSession.AccountId;
        var finding = AccountScanHealth.Plan(_mapper, health, previous, region, _options.Time.GetUtcNow());
        if (finding is null)
        {
            return new PublishOutcome { AccountId = accountId, Region = region, Unchanged = 1 };
        }

        var change = AccountScanHealth.StateOf(health) == Core.Checks.ScanState.Scanned ? FindingChange.Resolved
            : previous is { State: not Core.Checks.ScanState.Scanned } ? FindingChange.Updated
            : FindingChange.Created;
        var (failed, error) = await _importer.ImportAsync(ownSession.PacedClient(SecurityHubApi.Service, region), accountId, region, [new PlannedImport(finding, change)], cancellationToken);
        var imported = failed.Count == 0 && error is null ? 1 : 0;
        return new PublishOutcome
        {
            AccountId = accountId,
            Region = region,
            Created = change == FindingChange.Created ? imported : 0,
            Updated = change == FindingChange.Updated ? imported : 0,
            Resolved = change == FindingChange.Resolved ? imported : 0,
            Failed = failed,
            Error = error?.Message,
            ErrorCode = error?.Code,
        };
    }

    /// <summary>The same, over a Security Hub client already bound to the account and Region.</summary>
    internal async Task<PublishOutcome> PublishAsync(
        ProtocolClient client,
        string accountId,
        string region,
        IReadOnlyList<CheckResult> results,
        IReadOnlySet<string> checksRun,
        IReadOnlyList<CollectionGap> gaps,
        CancellationToken cancellationToken,
        ScanTrigger? trigger = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(checksRun);
        ArgumentNullException.ThrowIfNull(gaps);
        ReconcilePlan plan;
        try
        {
            var existing = await _reader.ExistingAsync(client, accountId, region, results, checksRun, cancellationToken);
            plan = _reconciler.Reconcile(new ReconcileInput
            {
                AccountId = accountId,
                Region = region,
                Results = results,
                Existing = existing,
                ChecksRun = checksRun,
                Gaps = gaps,
                Now = _options.Time.GetUtcNow(),
                Trigger = trigger,
                RefreshAge = _options.RefreshAge,
            });
        }
        catch (AwsServiceException e)
        {
            return new PublishOutcome { AccountId = accountId, Region = region, Error = Explain(e, accountId, region), ErrorCode = e.ErrorCode };
        }

        var (failed, error) = await _importer.ImportAsync(client, accountId, region, plan.Imports, cancellationToken);
        var failedIds = failed.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        int Succeeded(FindingChange change) => plan.Imports.Count(i => i.Change == change && !failedIds.Contains(i.Finding.Id));
        return new PublishOutcome
        {
            AccountId = accountId,
            Region = region,
            Created = Succeeded(FindingChange.Created),
            Reactivated = Succeeded(FindingChange.Reactivated),
            Updated = Succeeded(FindingChange.Updated),
            Resolved = Succeeded(FindingChange.Resolved),
            Exempted = Succeeded(FindingChange.Exempted),
            Unchanged = plan.Unchanged.Count,
            Failed = failed,
            Error = error?.Message,
            ErrorCode = error?.Code,
        };
    }

    /// <summary>What went wrong, for a person, and what to do about it.</summary>
    internal static string Explain(AwsServiceException e, string accountId, string region) => e.Kind switch
    {
        AwsErrorKind.NotEnabled =>
            $"Security Hub is not enabled in account {accountId} in {region} ({e.ErrorCode}: {e.ErrorMessage}), so the account's findings "
            + $"were not published. Enable it there: Security Hub console > Enable Security Hub, or 'aws securityhub enable-security-hub "
            + $"--region {region}' with the account's credentials; for every account at once, have the Security Hub delegated "
            + "administrator turn on auto-enable for the organization. The next scan publishes the account's findings.",
        AwsErrorKind.AccessDenied =>
            $"The audit role in account {accountId} may not use Security Hub in {region} ({e.ErrorCode}: {e.ErrorMessage}). Grant it "
            + "securityhub:GetFindings and securityhub:BatchImportFindings (redeploy the audit role stack), and check that no service "
            + "control policy denies them.",
        _ => $"Publishing to Security Hub in account {accountId}, {region} failed ({e.ErrorCode}: {e.ErrorMessage}).",
    };
}
