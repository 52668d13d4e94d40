using System.Globalization;
using System.Text;
using Amazon.SQS;
using Scanner.Aws.Sessions;
using Scanner.Bench.Server;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;
using Scanner.Bench.Server.Queues;

namespace Scanner.Bench.Deployed;

/// <summary>What one scan of the deployed path did, from the schedule tick to the last import.</summary>
internal sealed record DeployedScan
{
    public required string Name { get; init; }
    public required double ScheduleToLastImportS { get; init; }
    public required double WallS { get; init; }
    public required double DispatcherMs { get; init; }
    public required int Enqueued { get; init; }
    public required MappingCounts Mapping { get; init; }
    public required LedgerSnapshot Calls { get; init; }
    public required QueueCounts Queue { get; init; }
    public required int DeadLettered { get; init; }
    public required int FindingsLost { get; init; }
    public required int FindingsUnexpected { get; init; }
    public required int FindingsExpected { get; init; }
    public required IReadOnlyDictionary<string, int> Log { get; init; }
    public required ScanCost Cost { get; init; }
}

/// <summary>
/// The deployed path, measured: a schedule tick to the real dispatcher (which reads the organization and sends one
/// job per account to the queue with SendMessageBatch), Lambda's event source mapping feeding batches to the real
/// account scanner in up to MaxConcurrency execution environments (each a process), every account publishing into its
/// own Security Hub under the server's quotas; then the same again over an unchanged organization (the ingestion
/// diet's rescan). Prints wall time, invocations, GB-seconds, calls per service and the scanner account's share,
/// throttling, dead letters, findings lost (Security Hub's store against the findings the organization must have),
/// ingestion events and the cost per scan at dated prices.
/// </summary>
internal static class DeployedBenchmark
{
    private const string QueueName = "org-compliance-scan-queue";

    /// <summary>The dispatcher's timeout in template.yaml.</summary>
    private static readonly TimeSpan DispatcherTimeout = TimeSpan.FromSeconds(300);

    /// <summary>The scan queue's VisibilityTimeout in template.yaml.</summary>
    private static readonly TimeSpan QueueVisibility = TimeSpan.FromSeconds(3600);

    /// <summary>A run that has not drained its queue by then is stopped and reported as such.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(90);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var organization = OrganizationGenerator.Generate(options.Accounts, options.Seed);
        Line($"Deployed-path benchmark: {options.Accounts} accounts, every AWS answer delayed {options.LatencyMs} ms; event source mapping "
            + $"BatchSize {options.BatchSize}, MaximumConcurrency {options.MaxConcurrency}; scanner {options.MemoryMb} MB, timeout {options.TimeoutSeconds} s");
        Line($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {MachineLoad.LoadAverage()}");
        Line($"quotas enforced per account and Region: Security Hub BatchImportFindings 10/s burst 30, GetFindings 3/s burst 6; "
            + $"STS AssumeRole {Quota(options.AssumeRolePerSecond)}; Organizations {Quota(options.OrganizationsPerSecond)}");

        await using var host = await ServerHost.StartAsync(options, organization);
        var control = host.Control;
        if (options.ThrottlePercent > 0)
        {
            await control.ConfigureAsync(throttlePercent: options.ThrottlePercent);
            Line($"and {options.ThrottlePercent}% of all calls answered with the service's throttling error");
        }

        var queueUrl = $"{host.Endpoint}/{DeployedFunctions.ScannerAccountId}/{QueueName}";
        var environment = DeployedFunctions.Environment(host.Endpoint, queueUrl);
        var (expected, exempted) = ExpectedFindings.For(organization, DateTimeOffset.UtcNow);
        Line($"the organization must hold {expected.Sum(e => e.Value.Count):N0} ACTIVE findings and {exempted:N0} EXEMPTED ones (imported ARCHIVED)");
        var settings = new MappingSettings(options.BatchSize, options.MaxConcurrency, TimeSpan.FromSeconds(options.TimeoutSeconds), QueueVisibility);
        using var sqs = new AmazonSQSClient(DeployedFunctions.Credentials,
            OfficialClients.Configure(new AmazonSQSConfig(), AwsRegions.Home, host.Endpoint));
        var log = new LogTally();

        var first = await ScanAsync("full first scan", options, control, sqs, queueUrl, environment, settings, expected, log);
        Print(first, options);
        var rescan = await ScanAsync("unchanged rescan", options, control, sqs, queueUrl, environment, settings, expected, log);
        Print(rescan, options);

        Line("");
        Line($"prices assumed (us-east-1, read {Prices.TakenOn}; free tiers left out): Lambda x86_64 ${Prices.LambdaX86PerGbSecond:0.##########}/GB-s, "
            + $"arm64 ${Prices.LambdaArm64PerGbSecond:0.##########}/GB-s, ${Prices.LambdaPerMillionRequests:0.00}/1M requests; SQS ${Prices.SqsPerMillionRequests:0.00}/1M requests; "
            + $"Security Hub ${Prices.SecurityHubPerIngestionEvent:0.#####} per finding ingestion event");
        var ok = first.FindingsLost == 0 && rescan.FindingsLost == 0 && first.DeadLettered == 0 && rescan.DeadLettered == 0;
        Line($"{organization.Accounts.Count} accounts: first scan {first.ScheduleToLastImportS:0.0} s schedule to last import, {first.Calls.FindingsImported:N0} ingestion events, "
            + $"${first.Cost.TotalX86:0.0000} (x86_64) / ${first.Cost.TotalArm64:0.0000} (arm64); unchanged rescan {rescan.WallS:0.0} s, "
            + $"{rescan.Calls.FindingsImported:N0} ingestion events, {SecurityHubCalls(rescan.Calls.ScannerAccountByOperation)} Security Hub calls in the scanner's account, "
            + $"${rescan.Cost.TotalX86:0.0000} / ${rescan.Cost.TotalArm64:0.0000}; findings lost {first.FindingsLost + rescan.FindingsLost}, "
            + $"dead letters {first.DeadLettered + rescan.DeadLettered}");
        return ok ? 0 : 1;
    }

    private static async Task<DeployedScan> ScanAsync(string name, BenchOptions options, BenchServerControl control, IAmazonSQS sqs, string queueUrl,
        IReadOnlyDictionary<string, string> environment, MappingSettings settings, Dictionary<string, HashSet<string>> expected, LogTally log)
    {
        var before = (await control.QueuesAsync()).GetValueOrDefault(QueueName) ?? new QueueCounts();
        await control.ResetAsync();
        log.Clear();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (dispatched, dispatcherTime) = await DeployedFunctions.DispatchAsync(Variables(environment), ScheduleTick(), DispatcherTimeout);
        var enqueued = EnqueuedCount(dispatched);
        var mapping = new EventSourceMapping(sqs, queueUrl, QueueName, control, settings, environment, log);
        using (var limit = new CancellationTokenSource(RunLimit))
        {
            await mapping.RunAsync(limit.Token);
        }

        var wall = clock.Elapsed.TotalSeconds;
        var calls = await control.StatsAsync();
        var queue = (await control.QueuesAsync()).GetValueOrDefault(QueueName) ?? new QueueCounts();
        var held = await control.ActiveFindingsAsync();
        var lost = expected.Sum(e => e.Value.Count(id => !held.TryGetValue(e.Key, out var ids) || !ids.Contains(id)));
        var unexpected = held.Sum(h => h.Value.Count(id => !expected.TryGetValue(h.Key, out var ids) || !ids.Contains(id)));
        var billedMs = mapping.Counts.BilledMs + Math.Ceiling(dispatcherTime.TotalMilliseconds);
        // The bench's pollers look every 250 ms when the queue is empty; Lambda's long-poll (20 s), so an empty receive
        // is billed as one per poller per 20 s of the run instead.
        var sqsRequests = calls.ByOperation.Where(p => p.Key.StartsWith("SQS.", StringComparison.Ordinal)).Sum(p => p.Value)
            - mapping.Counts.EmptyReceives + (long)Math.Ceiling(settings.MaxConcurrency * wall / 20);
        return new DeployedScan
        {
            Name = name,
            ScheduleToLastImportS = calls.ImportTimesMs.Count > 0 ? calls.ImportTimesMs.Max() / 1000 : 0,
            WallS = wall,
            DispatcherMs = dispatcherTime.TotalMilliseconds,
            Enqueued = enqueued,
            Mapping = mapping.Counts,
            Calls = calls,
            Queue = queue with
            {
                Sent = queue.Sent - before.Sent,
                Deleted = queue.Deleted - before.Deleted,
                Received = queue.Received - before.Received,
                Redelivered = queue.Redelivered - before.Redelivered,
            },
            DeadLettered = queue.DeadLettered - before.DeadLettered,
            FindingsLost = lost,
            FindingsUnexpected = unexpected,
            FindingsExpected = expected.Sum(e => e.Value.Count),
            Log = log.Snapshot(),
            Cost = new ScanCost(ScanCost.GbSecondsOf(billedMs, options.MemoryMb), mapping.Counts.Invocations + 1, sqsRequests, calls.FindingsImported),
        };
    }

    private static void Print(DeployedScan scan, BenchOptions options)
    {
        var m = scan.Mapping;
        var calls = scan.Calls;
        var durations = m.Durations().Order().ToList();
        Line("");
        Line($"{scan.Name}:");
        var lastImport = scan.Calls.ImportTimesMs.Count > 0 ? $"{scan.ScheduleToLastImportS:0.0} s" : "no import";
        Line($"  schedule to last import  {lastImport} (all done, queue drained: {scan.WallS:0.0} s); dispatcher {scan.DispatcherMs / 1000:0.00} s, {scan.Enqueued:N0} jobs enqueued");
        Line($"  invocations              {m.Invocations:N0} scanner ({m.MessagesDelivered:N0} messages delivered, {m.ColdStarts} cold starts) + 1 dispatcher; "
            + $"duration median {Percentile(durations, 0.5) / 1000:0.0} s, p95 {Percentile(durations, 0.95) / 1000:0.0} s, max {(durations.Count > 0 ? durations[^1] : 0) / 1000:0.0} s; "
            + $"{m.Errors} failed, {m.Timeouts} timed out");
        Line($"  GB-seconds               {scan.Cost.GbSeconds:N1} at {options.MemoryMb} MB (each invocation's duration rounded up to 1 ms, the dispatcher's included; "
            + $"the environments' JIT init, {m.InitMs / 1000:0.0} s in all, left out: Native AOT's is tens of ms)");
        Line($"  queue                    {scan.Queue.Sent:N0} sent, {scan.Queue.Received:N0} received ({scan.Queue.Redelivered:N0} redelivered), {scan.Queue.Deleted:N0} deleted; "
            + $"{m.BatchItemFailures} batch item failures; dead-lettered {scan.DeadLettered}; SQS requests {scan.Cost.SqsRequests:N0} "
            + $"billed ({m.ReceiveRequests - m.EmptyReceives:N0} receives with messages, empty ones as 20 s long polls, {m.DeleteRequests:N0} deletes, "
            + $"{m.VisibilityRequests:N0} visibility changes, and the sends)");
        var byService = calls.ByOperation.GroupBy(p => p.Key[..p.Key.IndexOf('.', StringComparison.Ordinal)])
            .OrderByDescending(g => g.Sum(p => p.Value)).Select(g => $"{g.Key} {g.Sum(p => p.Value):N0}");
        Line($"  calls answered           {calls.Answered:N0}: {string.Join(", ", byService)}");
        var own = calls.ScannerAccountByOperation;
        var ownAnswered = own.Where(p => !p.Key.EndsWith("(throttled)", StringComparison.Ordinal)).Sum(p => p.Value);
        Line($"  scanner's account        {ownAnswered:N0} calls ({(calls.Answered > 0 ? (double)ownAnswered / calls.Answered : 0):P1} of all): "
            + string.Join(", ", own.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}")));
        Line($"  Security Hub in the scanner's account: {SecurityHubCalls(own)} calls answered");
        Line($"  throttled                {calls.Throttled:N0} answers ({calls.QuotaExceeded:N0} refused by a quota): "
            + (calls.ThrottledByOperation.Count == 0 ? "none" : string.Join(", ", calls.ThrottledByOperation.Select(p => $"{p.Key} {p.Value:N0}")))
            + "; the callers retry them (what still fails shows below as a log warning, the scan-health publish's included, or a lost finding)");
        Line($"  functions' log           " + (scan.Log.Count == 0 ? "no warning or error" : string.Join("; ", scan.Log.OrderByDescending(p => p.Value).Select(p => $"{p.Value:N0}× {p.Key}"))));
        Line($"  findings                 {calls.FindingsImported:N0} ingestion events; Security Hub holds the {scan.FindingsExpected:N0} findings the organization must have "
            + $"but {scan.FindingsLost:N0} (lost); {scan.FindingsUnexpected:N0} held that it need not have"
            + (calls.FindingsImported is > 0 and <= 10 ? "; imported: " + string.Join(", ", calls.ImportedExamples) : ""));
        if (calls.ImportedByCheck.Count > 0)
        {
            Line($"  imported by check        {string.Join(", ", calls.ImportedByCheck.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}"))}");
        }

        var c = scan.Cost;
        Line($"  cost of this scan        x86_64 ${c.TotalX86:0.0000} / arm64 ${c.TotalArm64:0.0000}: Lambda ${c.LambdaX86:0.0000} / ${c.LambdaArm64:0.0000} "
            + $"({c.LambdaRequests:N0} requests), SQS ${c.Sqs:0.0000}, Security Hub ingestion ${c.Ingestion:0.0000} ({c.IngestionEvents:N0} events)");
    }

    private static long SecurityHubCalls(IReadOnlyDictionary<string, long> calls)
        => calls.Where(p => p.Key.StartsWith("SecurityHub.", StringComparison.Ordinal) && !p.Key.EndsWith("(throttled)", StringComparison.Ordinal)).Sum(p => p.Value);

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static string Quota(int perSecond) => perSecond > 0 ? $"{perSecond}/s burst {perSecond}" : "none";

    private static System.Collections.Hashtable Variables(IReadOnlyDictionary<string, string> environment)
    {
        var table = new System.Collections.Hashtable(StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            table[name] = value;
        }

        return table;
    }

    /// <summary>EventBridge's scheduled event, in its documented shape.</summary>
    private static byte[] ScheduleTick()
    {
        var account = DeployedFunctions.ScannerAccountId;
        var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(
            $"{{\"version\":\"0\",\"id\":\"{Guid.NewGuid()}\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"{account}\","
            + $"\"time\":\"{time}\",\"region\":\"{AwsRegions.Home}\",\"resources\":[\"arn:aws:events:{AwsRegions.Home}:{account}:rule/org-compliance-schedule\"],\"detail\":{{}}}}");
    }

    private static int EnqueuedCount(byte[] response)
    {
        using var document = System.Text.Json.JsonDocument.Parse(response);
        return document.RootElement.TryGetProperty("enqueued", out var value) ? value.GetInt32() : -1;
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Line(string text) => Console.WriteLine(text);
}
