using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Publishing;
using Scanner.Lambda.Events;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// The dispatcher: turns a schedule tick, an account-created event or a direct request into one scan job per
/// ACTIVE account on the scan queue. The organization trail is judged on the management account's own scan
/// (its job carries IsManagementAccount), so every check runs in exactly one place.
/// </summary>
/// <param name="readOrganization">Reads the organization (accounts, OU paths, tags).</param>
/// <param name="sqs">The scan queue's client.</param>
/// <param name="queueUrl">The scan queue.</param>
/// <param name="log">The function's log.</param>
/// <param name="time">The clock.</param>
/// <param name="readHealth">
/// Reads every account's scan health in the scanner's own account (this function's account), once per dispatch, to
/// carry in the jobs; null to carry none.
/// </param>
public sealed class DispatchHandler(
    Func<CancellationToken, Task<OrganizationSnapshot>> readOrganization,
    IAmazonSQS sqs,
    Uri queueUrl,
    JsonLog log,
    TimeProvider time,
    Func<string, CancellationToken, Task<ScanHealthHistory>>? readHealth = null)
{
    private const int MaxSendAttempts = 4;

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
            default:
                throw new InvalidEventException($"Unhandled event kind {request.GetType().Name}.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(result, HandlerJsonContext.Default.DispatchResult);
    }

    private async Task<DispatchResult> DispatchAsync(IReadOnlyList<string>? accountIds, string reason, InvocationContext context, CancellationToken ct)
    {
        var organization = await readOrganization(ct);
        var skipped = new List<string>();
        var targets = organization.Accounts.Where(a => a.Status == "ACTIVE").ToList();
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

            targets = [.. targets.Where(a => accountIds.Contains(a.Id))];
        }

        var now = time.GetUtcNow();
        var history = targets.Count > 0 ? await ReadHealthAsync(context, ct) : null;
        var jobs = targets.Select(a => ScanJob.FromAccount(a, now, reason)).ToList();
        foreach (var job in jobs)
        {
            job.PreviousHealth = history is null ? null : ScanJobHealth.From(history.For(job.AccountId));
        }

        await SendAsync(jobs, ct);
        foreach (var skip in skipped)
        {
            log.Warn("account not dispatched", ("reason", skip));
        }

        log.Info("scan jobs enqueued", ("count", jobs.Count), ("reason", reason));
        return new DispatchResult(jobs.Count, skipped, reason);
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

    /// <summary>SendMessageBatch ten at a time; entries that fail are sent again, and what still fails fails the invocation.</summary>
    private async Task SendAsync(IReadOnlyList<ScanJob> jobs, CancellationToken ct)
    {
        foreach (var chunk in jobs.Chunk(10))
        {
            var pending = chunk.Select((job, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), job.ToJson())).ToList();
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                SendMessageBatchResponse response;
                try
                {
                    response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl.ToString(), pending), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw AwsServiceException.From(e, "SQS", "SendMessageBatch");
                }

                var failed = response.Failed ?? [];
                if (failed.Count == 0)
                {
                    break;
                }

                if (attempt >= MaxSendAttempts || failed.Any(f => f.SenderFault == true))
                {
                    var first = failed[0];
                    throw new AwsServiceException("SQS", "SendMessageBatch", first.Code ?? "Failed", 0, null,
                        $"{failed.Count} scan job(s) could not be enqueued after {attempt} attempt(s): {first.Message}");
                }

                var retry = failed.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
                pending = [.. pending.Where(p => retry.Contains(p.Id))];
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt * attempt), time, ct);
            }
        }
    }
}

public sealed record DispatchResult(int Enqueued, IReadOnlyList<string> Skipped, string Reason);
