using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Lambda.Events;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// The dispatcher: turns a schedule tick, an account-created event or a direct request into one scan job per
/// ACTIVE account on the scan queue. The organization trail is judged on the management account's own scan
/// (its job carries IsManagementAccount), so every check runs in exactly one place.
/// </summary>
public sealed class DispatchHandler(Func<CancellationToken, Task<OrganizationSnapshot>> readOrganization, IAmazonSQS sqs, Uri queueUrl, JsonLog log, TimeProvider time)
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
                result = await DispatchAsync(null, whole.Reason, cancellationToken);
                break;
            case DispatcherEvent.Accounts accounts:
                result = await DispatchAsync(accounts.AccountIds, accounts.Reason, cancellationToken);
                break;
            default:
                throw new InvalidEventException($"Unhandled event kind {request.GetType().Name}.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(result, HandlerJsonContext.Default.DispatchResult);
    }

    private async Task<DispatchResult> DispatchAsync(IReadOnlyList<string>? accountIds, string reason, CancellationToken ct)
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
        var jobs = targets.Select(a => ScanJob.FromAccount(a, now, reason)).ToList();
        await SendAsync(jobs, ct);
        foreach (var skip in skipped)
        {
            log.Warn("account not dispatched", ("reason", skip));
        }

        log.Info("scan jobs enqueued", ("count", jobs.Count), ("reason", reason));
        return new DispatchResult(jobs.Count, skipped, reason);
    }

    /// <summary>SendMessageBatch ten at a time; entries that fail are sent again, and what still fails fails the invocation.</summary>
    private async Task SendAsync(IReadOnlyList<ScanJob> jobs, CancellationToken ct)
    {
        foreach (var chunk in ScanJobBatches.Of(jobs.Select(job => job.ToJson())))
        {
            var pending = chunk.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), body)).ToList();
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
