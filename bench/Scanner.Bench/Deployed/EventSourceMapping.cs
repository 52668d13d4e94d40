using System.Buffers;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Bench.Server;

namespace Scanner.Bench.Deployed;

/// <summary>How the event source mapping is set (template.yaml: BatchSize 10, MaximumConcurrency, ReportBatchItemFailures).</summary>
internal sealed record MappingSettings(int BatchSize, int MaxConcurrency, TimeSpan FunctionTimeout, TimeSpan Visibility);

/// <summary>What the event source mapping did, counted as it went.</summary>
internal sealed class MappingCounts
{
    public long Invocations;
    public long ColdStarts;
    public long Errors;
    public long Timeouts;
    public long MessagesDelivered;
    public long BatchItemFailures;
    public long ReceiveRequests;
    public long EmptyReceives;
    public long DeleteRequests;
    public long VisibilityRequests;
    private readonly Lock _gate = new();
    private readonly List<double> _billedMs = [];
    private readonly List<double> _initMs = [];

    /// <summary>
    /// Each invocation's duration rounded up to the millisecond, as Lambda bills it. Init phases are kept apart: Lambda
    /// bills them too, but here they are the JIT's start-up under the bench's load, not the Native AOT bootstrap's
    /// (tens of milliseconds, see --aot-bootstrap), so they are reported and left out of GB-seconds.
    /// </summary>
    public void Bill(double durationMs, double? initMs)
    {
        lock (_gate)
        {
            _billedMs.Add(Math.Ceiling(durationMs));
            if (initMs is { } init)
            {
                _initMs.Add(Math.Ceiling(init));
            }
        }
    }

    public double BilledMs
    {
        get
        {
            lock (_gate)
            {
                return _billedMs.Sum();
            }
        }
    }

    public double InitMs
    {
        get
        {
            lock (_gate)
            {
                return _initMs.Sum();
            }
        }
    }

    public IReadOnlyList<double> Durations()
    {
        lock (_gate)
        {
            return [.. _billedMs];
        }
    }
}

/// <summary>
/// Lambda's SQS event source mapping, on the bench side: up to MaxConcurrency pollers, each receiving batches of up to
/// BatchSize messages (hidden for the visibility timeout) over the SQS wire protocol and invoking the scanner in an
/// execution environment of its own, kept warm between batches. The handler's batchItemFailures go back to the queue
/// (made visible again at once: Lambda leaves them to the visibility timeout, an hour in the template, which a bench
/// cannot wait out) and the rest of the batch is deleted; an invocation that fails or times out returns its whole batch.
/// The queue's redrive policy dead-letters a message after three receives. Pollers stop when the queue holds nothing,
/// visible or in flight.
/// </summary>
internal sealed class EventSourceMapping(IAmazonSQS sqs, string queueUrl, string queueName, BenchServerControl control, MappingSettings settings,
    IReadOnlyDictionary<string, string> functionEnvironment, LogTally log)
{
    public MappingCounts Counts { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pollers = Enumerable.Range(0, settings.MaxConcurrency).Select(_ => Task.Run(() => PollAsync(cancellationToken), cancellationToken)).ToList();
        await Task.WhenAll(pollers);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        ExecutionEnvironment? environment = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref Counts.ReceiveRequests);
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
                {
                    MaxNumberOfMessages = settings.BatchSize,
                    VisibilityTimeout = (int)settings.Visibility.TotalSeconds,
                    MessageSystemAttributeNames = ["All"],
                }, cancellationToken);
                var messages = received.Messages ?? [];
                if (messages.Count == 0)
                {
                    Interlocked.Increment(ref Counts.EmptyReceives);
                    var queues = await control.QueuesAsync(cancellationToken);
                    if (!queues.TryGetValue(queueName, out var counts) || (counts.Visible == 0 && counts.InFlight == 0))
                    {
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                    continue;
                }

                double? init = null;
                if (environment is null || environment.Broken)
                {
                    if (environment is not null)
                    {
                        await environment.DisposeAsync();
                    }

                    environment = await ExecutionEnvironment.StartAsync(functionEnvironment, log);
                    Interlocked.Increment(ref Counts.ColdStarts);
                    init = environment.InitMs;
                }

                Interlocked.Increment(ref Counts.Invocations);
                Interlocked.Add(ref Counts.MessagesDelivered, messages.Count);
                var outcome = await environment.InvokeAsync(Event(messages), settings.FunctionTimeout);
                Counts.Bill(outcome.DurationMs, init);
                var failed = new HashSet<string>(StringComparer.Ordinal);
                if (outcome.Response is { } response)
                {
                    failed.UnionWith(BatchItemFailures(response));
                    Interlocked.Add(ref Counts.BatchItemFailures, failed.Count);
                }
                else
                {
                    if (outcome.TimedOut)
                    {
                        Interlocked.Increment(ref Counts.Timeouts);
                    }
                    else
                    {
                        Interlocked.Increment(ref Counts.Errors);
                    }

                    failed.UnionWith(messages.Select(m => m.MessageId));
                }

                await SettleAsync(messages, failed, cancellationToken);
            }
        }
        finally
        {
            if (environment is not null)
            {
                await environment.DisposeAsync();
            }
        }
    }

    /// <summary>Deletes what succeeded, in one DeleteMessageBatch; makes each failure visible again.</summary>
    private async Task SettleAsync(List<Message> messages, HashSet<string> failed, CancellationToken cancellationToken)
    {
        var succeeded = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        if (succeeded.Count > 0)
        {
            Interlocked.Increment(ref Counts.DeleteRequests);
            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(queueUrl,
                [.. succeeded.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle))]),
                cancellationToken);
        }

        foreach (var message in messages.Where(m => failed.Contains(m.MessageId)))
        {
            Interlocked.Increment(ref Counts.VisibilityRequests);
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(queueUrl, message.ReceiptHandle, 0), cancellationToken);
        }
    }

    /// <summary>The SQS event as Lambda delivers it (its documented field names, not the scanner's records).</summary>
    private byte[] Event(List<Message> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("Records");
            foreach (var message in messages)
            {
                w.WriteStartObject();
                w.WriteString("messageId", message.MessageId);
                w.WriteString("receiptHandle", message.ReceiptHandle);
                w.WriteString("body", message.Body);
                w.WriteStartObject("attributes");
                foreach (var (name, value) in message.Attributes ?? [])
                {
                    w.WriteString(name, value);
                }

                w.WriteString("SenderId", DeployedFunctions.ScannerAccountId);
                w.WriteEndObject();
                w.WriteStartObject("messageAttributes");
                w.WriteEndObject();
                w.WriteString("md5OfBody", message.MD5OfBody);
                w.WriteString("eventSource", "aws:sqs");
                w.WriteString("eventSourceARN", $"arn:aws:sqs:{Scanner.Emulator.Model.AwsRegions.Home}:{DeployedFunctions.ScannerAccountId}:{queueName}");
                w.WriteString("awsRegion", Scanner.Emulator.Model.AwsRegions.Home);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<string> BatchItemFailures(byte[] response)
    {
        using var document = JsonDocument.Parse(response);
        if (!document.RootElement.TryGetProperty("batchItemFailures", out var failures) || failures.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. failures.EnumerateArray().Select(f => f.TryGetProperty("itemIdentifier", out var id) ? id.GetString() ?? "" : "")];
    }
}
