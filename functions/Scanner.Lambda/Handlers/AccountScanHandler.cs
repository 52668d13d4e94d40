using System.Text.Json;
using Scanner.Aws.Scanning;
using Scanner.Lambda.Events;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// The account scanner: each SQS record is one account (assume role, collect, evaluate, publish). A record that
/// fails, or that could not be finished before the deadline, is reported in batchItemFailures so SQS delivers it
/// again (and, after a few receives, to the dead-letter queue); the other records of the batch succeed.
/// </summary>
/// <param name="pipelineFor">
/// The account-scan pipeline for the scanner's own account (read from the function's ARN), with the policy in force
/// for this invocation.
/// </param>
/// <param name="concurrency">Records scanned at once.</param>
/// <param name="log">The function's log.</param>
/// <param name="time">The clock.</param>
public sealed class AccountScanHandler(
    Func<string, CancellationToken, Task<AccountScanPipeline>> pipelineFor,
    int concurrency,
    JsonLog log,
    TimeProvider time)
{
    /// <summary>Publishing is not started with less time than this left: an account is published whole or not at all in one run.</summary>
    public static readonly TimeSpan PublishReserve = TimeSpan.FromSeconds(30);

    public async Task<byte[]> HandleAsync(InvocationContext context, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sqsEvent = JsonSerializer.Deserialize(payload.Span, LambdaJsonContext.Default.SqsEvent)
            ?? throw new InvalidEventException("The event is JSON null; expected an SQS event with Records.");
        var scannerAccountId = AccountOf(context.InvokedFunctionArn);
        var pipeline = await pipelineFor(scannerAccountId, cancellationToken);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(sqsEvent.Records, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency) }, async (record, _) =>
        {
            if (!await ProcessAsync(record, context, pipeline, cancellationToken))
            {
                failures.Add(record.MessageId);
            }
        });
        var response = SqsBatchResponse.FromFailedMessageIds(failures.OrderBy(id => id, StringComparer.Ordinal));
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.SqsBatchResponse);
    }

    private async Task<bool> ProcessAsync(SqsMessage record, InvocationContext context, AccountScanPipeline pipeline, CancellationToken cancellationToken)
    {
        if (!ScanJob.TryParse(record.Body, out var job, out var error))
        {
            log.Error("scan job rejected", ("messageId", record.MessageId), ("error", error));
            return false;
        }

        var started = time.GetTimestamp();
        try
        {
            var result = await pipeline.RunAsync(job.ToAccount(), new AccountScanOptions
            {
                PreviousHealth = job.PreviousHealth?.ToPrevious(job.AccountId),
                PublishBy = context.Deadline - PublishReserve,
                Trigger = job.Trigger,
            }, cancellationToken);
            if (result.Deferred)
            {
                log.Warn("not enough time left to publish; the job will be delivered again", ("messageId", record.MessageId), ("account", job.AccountId));
                return false;
            }

            if (result.HealthPublish is { Error: { } healthError })
            {
                log.Warn("scan health not published", ("account", job.AccountId), ("error", healthError));
            }

            log.Info("account scanned",
                ("account", job.AccountId),
                ("results", result.Results.Count),
                ("gaps", result.Gaps.Count),
                ("error", result.Error),
                ("health", result.Health is { } health ? Aws.Publishing.AccountScanHealth.StateOf(health).ToString() : null),
                ("healthImported", result.HealthPublish?.Imported ?? 0),
                LogField.Milliseconds("durationMs", time.GetElapsedTime(started)));
            return true;
        }
        catch (OperationCanceledException)
        {
            log.Warn("deadline reached before the account was finished; the job will be delivered again", ("messageId", record.MessageId), ("account", job.AccountId));
            return false;
        }
        catch (Exception e) when (e is Aws.Errors.AwsServiceException or HttpRequestException or IOException)
        {
            log.Error("account scan failed", ("messageId", record.MessageId), ("account", job.AccountId), ("error", e.Message));
            return false;
        }
    }

    /// <summary>The scanner's own account, where findings about unscannable accounts go: read from the function's ARN.</summary>
    internal static string AccountOf(string functionArn)
    {
        var parts = (functionArn ?? "").Split(':');
        return parts.Length > 4 && parts[4].Length == 12 ? parts[4] : throw new InvalidEventException($"Cannot read the account id from the function ARN '{functionArn}'.");
    }
}
