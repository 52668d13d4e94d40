using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Publishing;
using Scanner.Aws.Retries;
using Scanner.Lambda.Events;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// The dispatcher: turns a schedule tick, an account-created event or a direct request into one scan job per
/// ACTIVE account on the scan queue. The organization trail is judged on the management account's own scan
/// (its job carries IsManagementAccount), so every check runs in exactly one place.
/// A watched change forwarded by an account takes two steps (see <see cref="ChangeDebounce"/>): the change goes to
/// the change queue, which keeps one per account per 5 minutes and holds it back 5 minutes; what comes out is made
/// into scan jobs on the change scan queue, with one organization read per batch.
/// </summary>
/// <param name="readOrganization">
/// Reads the organization (accounts, OU paths, tags, guardrails): the accounts asked for in full, each handed to the
/// callback as soon as it is read, so that its job is on the queue while the rest are still being read.
/// </param>
/// <param name="sqs">The scan queue's client.</param>
/// <param name="queueUrl">The scan queue.</param>
/// <param name="log">The function's log.</param>
/// <param name="time">The clock.</param>
/// <param name="readHealth">
/// Reads every account's scan health in the scanner's own account (this function's account), once per dispatch, to
/// carry in the jobs; null to carry none.
/// </param>
/// <param name="changeQueueUrl">The FIFO change queue a watched change is debounced on; null: change-driven rescans are off.</param>
/// <param name="changeScanQueueUrl">Where jobs for changed accounts go (their own queue and scanner concurrency); null: the scan queue.</param>
public sealed class DispatchHandler(
    Func<AccountReads, CancellationToken, Task<OrganizationSnapshot>> readOrganization,
    IAmazonSQS sqs,
    Uri queueUrl,
    JsonLog log,
    TimeProvider time,
    Func<string, CancellationToken, Task<ScanHealthHistory>>? readHealth = null,
    Uri? changeQueueUrl = null,
    Uri? changeScanQueueUrl = null)
{
    private const int MaxSendAttempts = 4;

    // Entries SQS refuses for its own reasons (SenderFault false) are sent again; a refusal of ours is final.
    private readonly PartialBatchRetry _partialBatches = new(MaxSendAttempts, new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2)), time);

    public async Task<byte[]> HandleAsync(InvocationContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var request = DispatcherEvent.Parse(payload);
        DispatchResult result;
        switch (request)
        {
            case DispatcherEvent.Invalid invalid:
                log.Error("event rejected", ("error", invalid.Message));
                throw new InvalidEventException(invalid.Message);
            case DispatcherEvent.Ignored ignored:
                log.Info("event ignored", ("reason", ignored.Reason));
                result = new DispatchResult(0, [], ignored.Reason);
                break;
            case DispatcherEvent.WholeOrganization whole:
                result = await DispatchAsync(null, whole.Reason, context, cancellationToken);
                break;
            case DispatcherEvent.Accounts accounts:
                result = await DispatchAsync(accounts.AccountIds, accounts.Reason, context, cancellationToken);
                break;
            case DispatcherEvent.Dropped dropped:
                log.Warn("event dropped", ("reason", dropped.Reason));
                result = new DispatchResult(0, [], dropped.Reason);
                break;
            case DispatcherEvent.Change change:
                result = await DebounceAsync(change, cancellationToken);
                break;
            case DispatcherEvent.DebouncedChanges changes:
                result = await DispatchChangesAsync(changes, context, cancellationToken);
                break;
            default:
                throw new InvalidEventException($"Unhandled event kind {request.GetType().Name}.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(result, HandlerJsonContext.Default.DispatchResult);
    }

    /// <summary>The first step of a change: onto the change queue, where a burst in one account becomes one message.</summary>
    private async Task<DispatchResult> DebounceAsync(DispatcherEvent.Change change, CancellationToken ct)
    {
        if (changeQueueUrl is null)
        {
            var off = $"{change.Trigger.EventName} in account {change.AccountId} not acted on: CHANGE_QUEUE_URL is not set, so change-driven rescans are off";
            log.Warn("event dropped", ("reason", off));
            return new DispatchResult(0, [], off);
        }

        var message = ChangeDebounce.Message(changeQueueUrl, new AccountChange { AccountId = change.AccountId, Trigger = change.Trigger });
        try
        {
            await sqs.SendMessageAsync(message, ct);
        }
        catch (Exception e) when (AwsServiceException.IsCallFailure(e, ct))
        {
            throw AwsServiceException.From(e, "SQS", "SendMessage");
        }

        var reason = $"{change.Trigger.EventName} in account {change.AccountId} by {change.Trigger.Principal}: rescan within {ChangeDebounce.Window.TotalMinutes:0} minutes";
        log.Info("change queued", ("account", change.AccountId), ("eventName", change.Trigger.EventName), ("eventId", change.Trigger.EventId));
        return new DispatchResult(0, [], reason);
    }

    /// <summary>The second step: the changes the queue let through become scan jobs, each naming its change.</summary>
    private async Task<DispatchResult> DispatchChangesAsync(DispatcherEvent.DebouncedChanges batch, InvocationContext context, CancellationToken ct)
    {
        foreach (var dropped in batch.Unreadable)
        {
            log.Warn("change dropped", ("reason", dropped));
        }

        if (batch.Changes.Count == 0)
        {
            return new DispatchResult(0, batch.Unreadable, "no readable change in the batch");
        }

        // Two windows of one account in one batch are one scan; it names the earlier change.
        var triggers = new Dictionary<string, ScanTrigger>(StringComparer.Ordinal);
        foreach (var change in batch.Changes)
        {
            triggers.TryAdd(change.AccountId, change.Trigger!);
        }

        var result = await DispatchAsync([.. triggers.Keys], "changed since the last scan", context, ct, triggers, changeScanQueueUrl ?? queueUrl);
        return result with { Skipped = [.. result.Skipped, .. batch.Unreadable] };
    }

    private async Task<DispatchResult> DispatchAsync(
        IReadOnlyList<string>? accountIds, string reason, InvocationContext context, CancellationToken ct,
        IReadOnlyDictionary<string, ScanTrigger>? triggers = null, Uri? queue = null)
    {
        var now = time.GetUtcNow();
        var target = queue ?? queueUrl;
        var only = accountIds?.ToHashSet(StringComparer.Ordinal);

        // Each job goes on the queue as soon as its account is read, so the scanners start while the rest of the
        // organization is read. A read that fails part way has then enqueued the accounts read before it: when Lambda
        // retries the invocation they are scanned twice, which is harmless (a finding is keyed by its id), where
        // holding every job back until the end would delay the whole scan by the read.
        // The scan health is read once, when the first job is made (not at all when there is none).
        var health = new Lazy<Task<ScanHealthHistory?>>(() => ReadHealthAsync(context, ct));
        var batches = new ScanJobBatches.Builder();
        var enqueued = 0;
        var organization = await readOrganization(new AccountReads(only, async (account, readCt) =>
        {
            if (account.Status != "ACTIVE")
            {
                return;
            }

            var history = await health.Value;
            var job = ScanJob.FromAccount(account, now, Reason(account.Id), triggers?.GetValueOrDefault(account.Id));
            job.PreviousHealth = history is null ? null : ScanJobHealth.From(history.For(job.AccountId));
            IReadOnlyList<IReadOnlyList<string>> full;
            lock (batches)
            {
                full = batches.Add(job.ToJson());
                enqueued++;
            }

            foreach (var batch in full)
            {
                await SendAsync(batch, target, readCt);
            }
        }), ct);
        if (batches.Flush() is { } last)
        {
            await SendAsync(last, target, ct);
        }

        var skipped = new List<string>();
        if (accountIds is not null)
        {
            foreach (var id in accountIds.Where(id => organization.Accounts.All(a => a.Id != id)))
            {
                skipped.Add($"{id}: not an account of organization {organization.OrganizationId}");
            }

            foreach (var account in organization.Accounts.Where(a => accountIds.Contains(a.Id) && a.Status != "ACTIVE"))
            {
                skipped.Add($"{account.Id}: {account.Status}, not ACTIVE");
            }
        }

        foreach (var skip in skipped)
        {
            log.Warn("account not dispatched", ("reason", skip));
        }

        log.Info("scan jobs enqueued", ("count", enqueued), ("reason", reason));
        return new DispatchResult(enqueued, skipped, reason);

        string Reason(string accountId) =>
            triggers?.GetValueOrDefault(accountId) is { } trigger ? $"{reason}: {trigger.Describe()}" : reason;
    }

    /// <summary>
    /// One paged read of the scan-health findings in this account, for every job of the dispatch. When it fails (Security
    /// Hub off here, access denied) the jobs carry no health and each scanner imports its account's health as it finds it.
    /// </summary>
    private async Task<ScanHealthHistory?> ReadHealthAsync(InvocationContext context, CancellationToken ct)
    {
        if (readHealth is null)
        {
            return null;
        }

        try
        {
            var history = await readHealth(AccountScanHandler.AccountOf(context.InvokedFunctionArn), ct);
            log.Info("scan health read", ("activeHealthFindings", history.ActiveCount));
            return history;
        }
        catch (AwsServiceException e)
        {
            log.Warn("scan health could not be read; jobs carry none", ("error", e.Message));
            return null;
        }
    }

    /// <summary>One SendMessageBatch; entries that fail are sent again, and what still fails fails the invocation.</summary>
    private async Task SendAsync(IReadOnlyList<string> bodies, Uri queue, CancellationToken ct)
    {
        var entries = bodies.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), body)).ToList();
        var failures = await _partialBatches.SendAsync(entries, entry => entry.Id, async pending =>
        {
            SendMessageBatchResponse response;
            try
            {
                response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queue.ToString(), [.. pending]), ct);
            }
            catch (Exception e) when (AwsServiceException.IsCallFailure(e, ct))
            {
                throw AwsServiceException.From(e, "SQS", "SendMessageBatch");
            }

            return [.. (response.Failed ?? []).Select(f => new EntryFailure(f.Id, f.Code ?? "Failed", f.Message ?? "", Transient: f.SenderFault != true))];
        }, ct);
        if (failures.Count > 0)
        {
            throw new AwsServiceException("SQS", "SendMessageBatch", failures[0].Code, 0, null,
                $"{failures.Count} scan job(s) could not be enqueued: {failures[0].Message}");
        }
    }
}

public sealed record DispatchResult(int Enqueued, IReadOnlyList<string> Skipped, string Reason);
