using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Retries;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Publishing;

/// <summary>
/// Publishes one account's scan to that account's own Security Hub (with the default product ARN, only the account
/// named in a finding may import it): reads this scanner's findings back, reconciles (<see cref="FindingReconciler"/>),
/// and imports new, updated and resolved findings in batches of at most 100, paced by the shared rate limits.
/// Never throws for an AWS failure: the outcome says what happened, so one account's trouble (Security Hub not
/// enabled, a denied call) does not stop the organization's scan.
/// </summary>
public sealed class SecurityHubPublisher
{
    /// <summary>Security Hub takes at most 20 values per filter attribute.</summary>
    private const int FilterValues = 20;

    /// <summary>Above this many ids to look up, one read of the archived findings is cheaper than lookups by id.</summary>
    private const int MaxIdLookups = 2 * FilterValues;

    private readonly PublisherOptions _options;
    private readonly FindingReconciler _reconciler;
    private readonly AsffMapper _mapper;
    private readonly Backoff _backoff;
    private readonly PartialBatchRetry _partialBatches;

    public SecurityHubPublisher(PublisherOptions? options = null)
    {
        _options = options ?? new PublisherOptions();
        _backoff = new Backoff(_options.RetryBaseDelay, _options.RetryMaxDelay);
        _partialBatches = new PartialBatchRetry(_options.MaxAttempts, _backoff, _options.Time);
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
        var accountId = ownSession.AccountId;
        var productArn = ScannerProduct.ProductArn(region, accountId);
        var filters = Base(productArn, accountId, "ACTIVE") with { GeneratorId = Values([AccountScanHealth.CheckId]) };
        var active = new Dictionary<string, PreviousScanHealth>(StringComparer.Ordinal);
        await foreach (var finding in ReadAsync(ownSession.PacedClient(SecurityHubApi.Service, region), filters, cancellationToken))
        {
            if (ScannerProduct.IsOurs(finding, accountId, productArn) && IsState(finding, "ACTIVE")
                && AccountScanHealth.FromFinding(finding) is { State: not Core.Checks.ScanState.Scanned } health)
            {
                active[health.AccountId] = health;
            }
        }

        return new ScanHealthHistory(active);
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
        var (failed, error) = await ImportAsync(ownSession.PacedClient(SecurityHubApi.Service, region), accountId, region, [new PlannedImport(finding, change)], cancellationToken);
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
            var existing = await ReadExistingAsync(client, accountId, region, results, checksRun, cancellationToken);
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

        var (failed, error) = await ImportAsync(client, accountId, region, plan.Imports, cancellationToken);
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

    /// <summary>
    /// This scanner's findings in the account, from Security Hub: the ACTIVE ones of every check that ran or reported,
    /// and the ARCHIVED ones that failing or exempted results are about to update (their history is kept).
    /// Emulators may ignore filters, so what comes back is filtered again here.
    /// </summary>
    private async Task<List<AsffFinding>> ReadExistingAsync(
        ProtocolClient client, string accountId, string region, IReadOnlyList<CheckResult> results, IReadOnlySet<string> checksRun, CancellationToken cancellationToken)
    {
        var productArn = ScannerProduct.ProductArn(region, accountId);
        var generators = checksRun.Concat(results.Select(r => r.CheckId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, AsffFinding>(StringComparer.Ordinal);

        foreach (var chunk in generators.Chunk(FilterValues))
        {
            var filters = Base(productArn, accountId, "ACTIVE") with { GeneratorId = Values(chunk) };
            await foreach (var finding in ReadAsync(client, filters, cancellationToken))
            {
                if (ScannerProduct.IsOurs(finding, accountId, productArn) && IsState(finding, "ACTIVE") && chunk.Contains(finding.GeneratorId, StringComparer.Ordinal))
                {
                    found.TryAdd(finding.Id, finding);
                }
            }
        }

        var candidates = results
            .Where(r => r.Status != CheckStatus.Passed)
            .Select(r => (Id: FindingIdentity.For(r), r.CheckId))
            .Where(c => !found.ContainsKey(c.Id))
            .DistinctBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            return [.. found.Values];
        }

        var wanted = candidates.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var archivedFilters = candidates.Count <= MaxIdLookups
            ? candidates.Chunk(FilterValues).Select(chunk => Base(productArn, accountId, "ARCHIVED") with { Id = Values(chunk.Select(c => c.Id)) })
            : candidates.Select(c => c.CheckId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(FilterValues)
                .Select(chunk => Base(productArn, accountId, "ARCHIVED") with { GeneratorId = Values(chunk) });
        foreach (var filters in archivedFilters.ToList())
        {
            await foreach (var finding in ReadAsync(client, filters, cancellationToken))
            {
                if (wanted.Contains(finding.Id) && ScannerProduct.IsOurs(finding, accountId, productArn) && IsState(finding, "ARCHIVED"))
                {
                    found.TryAdd(finding.Id, finding);
                }
            }
        }

        return [.. found.Values];
    }

    private static AsffFilters Base(string productArn, string accountId, string recordState) => new()
    {
        ProductArn = [new StringFilter(productArn)],
        AwsAccountId = [new StringFilter(accountId)],
        RecordState = [new StringFilter(recordState)],
    };

    private static List<StringFilter> Values(IEnumerable<string> values) => [.. values.Select(v => new StringFilter(v))];

    private static bool IsState(AsffFinding finding, string state) =>
        string.Equals(finding.RecordState ?? "ACTIVE", state, StringComparison.Ordinal);

    /// <summary>Every finding matching the filters, page by page (100 a page), each page paced and retried with backoff.</summary>
    private async IAsyncEnumerable<AsffFinding> ReadAsync(
        ProtocolClient client, AsffFilters filters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var paged = SecurityHubApi.GetFindings;
        var pages = Paginator.PagesAsync(
            request => WithBackoffAsync(_options.RateLimits.GetFindings, paged.Operation.Name, () => client.SendAsync(paged.Operation, request, cancellationToken), cancellationToken),
            paged,
            new GetFindingsRequest(filters, MaxResults: 100),
            cancellationToken);
        await foreach (var page in pages)
        {
            foreach (var finding in page.Findings ?? [])
            {
                yield return finding;
            }
        }
    }

    /// <summary>
    /// Imports the planned findings in batches (at most 100 findings, and <see cref="PublisherOptions.MaxRequestBytes"/>).
    /// Returns every finding that did not make it, with its error code; stops early (and lists the rest as failed)
    /// only when the account refuses Security Hub altogether.
    /// </summary>
    private async Task<(List<FailedFinding> Failed, (string Code, string Message)? Error)> ImportAsync(
        ProtocolClient client, string accountId, string region, IReadOnlyList<PlannedImport> imports, CancellationToken cancellationToken)
    {
        var failed = new List<FailedFinding>();
        var sized = new List<(AsffFinding Finding, int Bytes)>();
        foreach (var import in imports)
        {
            var bytes = AsffMapper.SizeOf(import.Finding);
            if (bytes >= AsffFormat.FindingBytes)
            {
                failed.Add(new FailedFinding(import.Finding.Id, "FindingTooLarge",
                    $"The finding is {bytes} bytes; Security Hub takes at most 240 KB a finding."));
            }
            else
            {
                sized.Add((import.Finding, bytes));
            }
        }

        var batches = ImportBatches.Split(sized, AsffFormat.FindingsPerBatch, _options.MaxRequestBytes);
        for (var i = 0; i < batches.Count; i++)
        {
            try
            {
                failed.AddRange(await ImportBatchAsync(client, batches[i], cancellationToken));
            }
            catch (AwsServiceException e) when (e.Kind is AwsErrorKind.NotEnabled or AwsErrorKind.AccessDenied)
            {
                failed.AddRange(batches.Skip(i).SelectMany(b => b).Select(f => new FailedFinding(f.Id, e.ErrorCode, e.ErrorMessage)));
                return (failed, (e.ErrorCode, Explain(e, accountId, region)));
            }
        }

        return (failed, null);
    }

    /// <summary>
    /// One batch; findings refused for a transient reason are imported again (<see cref="PartialBatchRetry"/>). A failed
    /// call, after its own retries, fails the findings it carried; refusing Security Hub altogether stops the account.
    /// </summary>
    private async Task<IEnumerable<FailedFinding>> ImportBatchAsync(ProtocolClient client, IReadOnlyList<AsffFinding> batch, CancellationToken cancellationToken)
    {
        var failures = await _partialBatches.SendAsync(batch, f => f.Id, async pending =>
        {
            BatchImportFindingsResponse response;
            try
            {
                var request = new BatchImportFindingsRequest([.. pending]);
                response = await WithBackoffAsync(_options.RateLimits.Import, SecurityHubApi.BatchImportFindings.Name, () => client.SendAsync(SecurityHubApi.BatchImportFindings, request, cancellationToken), cancellationToken);
            }
            catch (AwsServiceException e) when (e.Kind is not (AwsErrorKind.NotEnabled or AwsErrorKind.AccessDenied))
            {
                return [.. pending.Select(f => new EntryFailure(f.Id, e.ErrorCode, e.ErrorMessage, Transient: false))];
            }

            var listed = response.FailedFindings ?? [];
            var refused = listed.Select(f => string.IsNullOrWhiteSpace(f.ErrorCode) ? f with { ErrorCode = "Unknown" } : f)
                .Select(f => new EntryFailure(f.Id, f.ErrorCode!, f.ErrorMessage ?? "", ImportFailures.IsTransient(f.ErrorCode!)))
                .ToList();
            if (response.FailedCount > listed.Count)
            {
                refused.Add(new EntryFailure("*", "UnlistedFailures", $"Security Hub counted {response.FailedCount} failed findings in a batch but listed {listed.Count}.", Transient: false));
            }

            return refused;
        }, cancellationToken);
        return failures.Select(f => new FailedFinding(f.Id, f.Code, f.Message));
    }

    /// <summary>
    /// Takes a permit, sends, and on throttling or a service or connection failure waits (exponential, jittered) and
    /// tries again. Connection failures come out as <see cref="AwsServiceException"/> like every other AWS failure.
    /// </summary>
    private async Task<T> WithBackoffAsync<T>(ApiRateLimiter limiter, string operation, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await limiter.AcquireAsync(cancellationToken);
            try
            {
                try
                {
                    return await send();
                }
                catch (Exception e) when (e is HttpRequestException or IOException or Amazon.Runtime.AmazonClientException
                    || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    throw AwsServiceException.From(e, SecurityHubApi.Service.ServiceId, operation);
                }
            }
            catch (AwsServiceException e) when (e.Kind is AwsErrorKind.Throttling or AwsErrorKind.Unavailable && attempt < _options.MaxAttempts)
            {
                await Task.Delay(_backoff.Before(attempt + 1), _options.Time, cancellationToken);
            }
        }
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
