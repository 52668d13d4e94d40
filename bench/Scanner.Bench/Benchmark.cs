using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Scanner.Bench.Server.Model;

namespace Scanner.Bench;

/// <summary>
/// The benchmark run: start the server, measure its capacity, warm up, scan the whole organization concurrently
/// (measured), check the inventory against the definition, compute the lower bound, scan a sample one account and one
/// call at a time (the sequential baseline), then the Lambda-batch memory probe and, if asked, a large publish.
/// </summary>
internal static class Benchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var organization = OrganizationGenerator.Generate(options.Accounts, options.Seed);
        var settings = new ScanSettings(options.Concurrency, options.RegionConcurrency, options.IamConcurrency, options.OrganizationConcurrency);
        var L = options.LatencyMs;
        Line($"Scale benchmark: {options.Accounts} accounts, every AWS answer delayed {L} ms; scan concurrency {options.Concurrency} accounts"
            + $" × {options.RegionConcurrency} regions × {options.IamConcurrency} IAM users, organization tags {options.OrganizationConcurrency} at a time");
        Line($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Line($"synthetic organization (seed {options.Seed}): {organization.Accounts.Count} accounts in {organization.OrganizationalUnits.Count} OUs, "
            + $"{organization.Accounts.Sum(a => a.Users.Count)} IAM users, {organization.Accounts.Sum(a => a.Users.Sum(u => u.Keys.Count))} access keys, "
            + $"{organization.Accounts.Sum(a => a.Instances.Count)} instances, {organization.Accounts.Sum(a => a.Functions.Count)} functions, "
            + $"{organization.Accounts.Sum(a => a.TaggedOnly.Count)} other tagged resources; 17 regions enabled "
            + $"({organization.Accounts.Count(a => a.OptedInRegions.Count > 0)} accounts also opted into eu-south-1)");

        await using var host = await ServerHost.StartAsync(options, organization);
        var control = host.Control;
        Line($"bench server: Kestrel on {host.Endpoint} ({(host.IsChildProcess ? $"child process {host.ChildProcessId}" : "in this process")})");

        if (!options.SkipCapacity)
        {
            var capacity = await CapacityProbe.RunAsync(host.Endpoint, control, organization, L, TimeSpan.FromSeconds(options.CapacitySeconds), clients: 64);
            Line($"server capacity at latency 0: {capacity.RequestsPerSecond:N0} requests/s sustained by 64 clients for {capacity.Elapsed.TotalSeconds:0.0} s "
                + $"(client and server sharing the {Environment.ProcessorCount} cores; {capacity.Errors} errors); "
                + $"server CPU {capacity.ServerCpuMsPerRequest * 1000:0} µs a request, ≈ {capacity.ServerOnlyRequestsPerSecond:N0} requests/s on its own");
        }

        await control.ConfigureAsync(latencyMs: L, throttlePercent: 0);
        await ScanHarness.WarmUpAsync(host.Endpoint, organization, settings, accounts: 3, CancellationToken.None);
        Line("warm-up: 3 accounts scanned first (JIT), not counted");
        Line("");

        // The measured scan.
        await control.ResetAsync();
        await control.ConfigureAsync(throttlePercent: options.ThrottlePercent);
        var loadBefore = MachineLoad.LoadAverage();
        var load = new MachineLoad(host.ChildProcessId);
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pauses = GC.GetTotalPauseDuration();
        using var sampler = new ProcessSampler();
        var scan = await ScanHarness.RunAsync(host.Endpoint, settings, null, CancellationToken.None);
        sampler.Stop();
        var shares = load.Shares();
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        collections = (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3);
        pauses = GC.GetTotalPauseDuration() - pauses;
        var stats = await control.StatsAsync();
        await control.ConfigureAsync(throttlePercent: 0);

        var scanned = scan.Results.Count;
        var bound = LowerBound.For(organization, settings, L);
        var calls = stats.Answered;
        var differences = InventoryCheck.Differences(organization, scan.Results);
        var statuses = scan.Results.SelectMany(r => r.Results).GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        var gaps = scan.Results.Sum(r => r.Gaps.Count);
        var notScanned = scan.Results.Count(r => r.Error is not null);

        Line($"full scan (GetCallerIdentity, organization read, {scanned} accounts collected and evaluated; nothing published):");
        Line($"  wall time              {scan.Total.TotalSeconds:0.00} s (organization read {scan.OrganizationRead.TotalSeconds:0.00} s, account scans {scan.AccountScans.TotalSeconds:0.00} s)");
        Line($"  accounts per second    {scanned / scan.Total.TotalSeconds:0.0} ({scanned / scan.AccountScans.TotalSeconds:0.0} in the account phase)");
        Line($"  AWS calls (server)     {calls:N0} answered, {(double)calls / scanned:0.0} per account; duplicates {stats.Duplicates}; "
            + $"throttled {stats.Throttled:N0}; errors {stats.ErrorsByOperation.Values.Sum()} ({string.Join(", ", stats.ErrorsByOperation.Select(p => $"{p.Key}: {p.Value}"))}); "
            + $"peak in flight {stats.PeakInFlight}; answers held {L} ms {stats.MeanLatenessMs:+0.00;-0.00} ms on average");
        foreach (var example in stats.DuplicateExamples)
        {
            Line($"    duplicate: {example}");
        }

        Line("  calls per account by operation:");
        foreach (var (operation, count) in stats.ByOperation.OrderByDescending(p => p.Value))
        {
            var throttled = stats.ThrottledByOperation.GetValueOrDefault(operation);
            Line($"    {operation,-40} {(double)count / scanned,7:0.00}   ({count:N0}{(throttled > 0 ? $", {throttled:N0} throttled and retried" : "")})");
        }

        Line($"  CPU time per account   {scan.CpuTime.TotalMilliseconds / scanned:0.0} ms in the scanner process ({scan.CpuTime.TotalSeconds:0.0} s in all, "
            + $"{scan.CpuTime.TotalSeconds / scan.Total.TotalSeconds / Environment.ProcessorCount:P0} of the machine); "
            + $"server {stats.ServerCpuMs / scanned:0.0} ms per account{(host.IsChildProcess ? " in its own process" : " (same process)")}");
        Line($"  memory                 peak working set {Mb(sampler.PeakWorkingSet)} during the scan ({Mb(Process.GetCurrentProcess().PeakWorkingSet64)} process peak), "
            + $"GC heap {Mb(GC.GetGCMemoryInfo().HeapSizeBytes)} after; threads up to {sampler.PeakThreads}, thread pool queue up to {sampler.PeakQueue}");
        Line($"  allocation and GC      {Mb(allocated / scanned)} allocated per account; {collections.Item1} gen0, {collections.Item2} gen1, {collections.Item3} gen2 collections, "
            + $"{pauses.TotalMilliseconds:0} ms paused ({pauses.TotalSeconds / scan.Total.TotalSeconds:P0} of the wall time)");
        if (shares is { } s)
        {
            Line($"  machine                {s.Machine:P0} busy during the scan: scanner {s.Self:P0}, bench server {s.Server:P0}, other processes {s.Others:P0} "
                + $"(load average {loadBefore} before, {MachineLoad.LoadAverage()} after)");
        }

        Line($"  results                {statuses.Sum(p => p.Value):N0}: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Value:N0} {p.Key.ToString().ToUpperInvariant()}"))}; "
            + $"collection gaps {gaps}; accounts not scanned {notScanned}");
        Line($"  inventory              {scanned - differences.Count}/{scanned} accounts equal the synthetic definition (users, keys, root, trails, regions, resources, tags, SCPs on their path, delegated administrators, root access settings, Config, Security Hub, GuardDuty)");
        foreach (var difference in differences.Take(3))
        {
            Line("    " + difference);
        }

        Line("");
        Line($"lower bound at {L} ms per answer, from the collectors' structure:");
        Line($"  one account, longest chain: {bound.LongestAccountChain} calls one after another = {bound.LongestAccountChain * L} ms: {bound.LongestChainDescription}");
        Line($"  (with no bound inside an account the longest chain would be {organization.Accounts.Max(a => LowerBound.DependencyChain(organization, a))} calls)");
        Line($"  organization read: {bound.OrganizationChain} calls deep (GetCallerIdentity, DescribeOrganization, ListRoots, the OU tree page by page, "
            + $"the SCPs of the root, OUs and accounts, their documents and the delegated administrators {options.OrganizationConcurrency} at a time, the root access settings, "
            + $"{organization.Accounts.Count} account tags {options.OrganizationConcurrency} at a time) = {bound.OrganizationRead.TotalSeconds:0.00} s");
        var meanDuration = scan.Results.Average(r => r.Duration.TotalMilliseconds);
        var meanChain = bound.SumOfAccountChains * (double)L / bound.AccountChains.Count;
        Line($"  one account took {meanDuration:0} ms on average from AssumeRole to evaluated, against a mean chain of {meanChain:0} ms ({meanDuration / meanChain:0.00}×)");
        Line($"  account scans: Σ chains {bound.SumOfAccountChains:N0} / {options.Concurrency} accounts at a time × {L} ms = {bound.AccountScans.TotalSeconds:0.00} s "
            + $"(≥ longest chain {bound.LongestAccountChain * L / 1000.0:0.00} s)");
        Line($"  for reference, total calls × L / C = {calls:N0} × {L} ms / {options.Concurrency} = {calls * L / 1000.0 / options.Concurrency:0.00} s: "
            + "the time if each account made one call at a time; the collectors overlap calls within an account, so this is not a bound on them");
        Line($"  lower bound = {bound.OrganizationRead.TotalSeconds:0.00} + {bound.AccountScans.TotalSeconds:0.00} = {bound.Total.TotalSeconds:0.00} s");

        if (!options.SkipSequential)
        {
            Line("");
            var sample = Math.Min(options.SequentialSample, scanned);
            await control.ResetAsync();
            await control.ConfigureAsync(oneCallAtATime: true);
            var sequential = await ScanHarness.RunAsync(host.Endpoint, ScanSettings.Sequential,
                accounts => [.. Enumerable.Range(0, sample).Select(i => accounts[i * accounts.Count / sample])], CancellationToken.None);
            await control.ConfigureAsync(oneCallAtATime: false);
            var sequentialStats = await control.StatsAsync();
            var perAccount = sequential.AccountScans.TotalSeconds / sample;
            var extrapolated = sequential.OrganizationRead.TotalSeconds + perAccount * scanned;
            Line($"sequential baseline (one account after another, one call at a time: concurrency 1, regions 1, IAM users 1, organization tags 1, "
                + "and the server answering one call at a time, since a region's EC2, Lambda and tagging calls and the IAM branch overlap even then):");
            Line($"  organization read {sequential.OrganizationRead.TotalSeconds:0.00} s (measured, whole organization) + {scanned} accounts × {perAccount:0.000} s "
                + $"(mean of {sample} accounts measured{(sample < scanned ? ", evenly spread; extrapolated" : "")}) = {extrapolated:0.0} s; "
                + $"duplicates {sequentialStats.Duplicates}");
            Line($"  speed-up of the concurrent scan: {extrapolated / scan.Total.TotalSeconds:0.0}×");
        }

        if (!options.SkipBatch)
        {
            Line("");
            await control.ResetAsync(findings: true);
            var batch = await BatchProbe.RunAsync(host.Endpoint, options);
            Line($"Lambda batch ({batch.Accounts} accounts in a fresh process, {BatchProbe.FunctionAccountConcurrency} accounts × {BatchProbe.FunctionRegionConcurrency} regions at once, "
                + $"each published to its Security Hub): peak working set {Mb(batch.PeakWorkingSetBytes)} (process start {Mb(batch.StartWorkingSetBytes)}), "
                + $"GC heap {Mb(batch.GcHeapBytes)}, {Mb(batch.AllocatedBytes)} allocated, {batch.WallMs / 1000:0.00} s; "
                + $"{batch.Results:N0} results, {batch.Published:N0} findings imported, {batch.PublishErrors} publish errors; "
                + $"{(batch.PeakWorkingSetBytes < 256L * 1024 * 1024 ? "under" : "OVER")} 256 MB");
        }

        if (options.PublishFindings > 0)
        {
            Line("");
            var publish = await PublishProbe.RunAsync(host.Endpoint, control, organization, options.PublishFindings);
            Line($"publish {publish.Findings:N0} findings to one account's Security Hub (SecurityHubPublisher; server enforcing 10/s burst 30 and 3/s burst 6):");
            Line($"  {publish.Imported:N0} imported in {publish.Requests} BatchImportFindings requests over {publish.Wall.TotalSeconds:0.0} s, after {publish.GetFindingsCalls} GetFindings; "
                + $"at most {publish.MaxInOneSecond} imports in any 1 s window; burst needed at 10/s: {publish.BurstAtTenPerSecond:0.0} (limit 30); "
                + $"refused by the quota: {publish.QuotaExceeded}; failed findings {publish.Failed}{(publish.Error is null ? "" : "; error " + publish.Error)}");
        }

        if (options.Bootstrap is { } bootstrap)
        {
            Line("");
            var (times, request) = await StartupProbe.RunAsync(bootstrap, host.Endpoint, options.StartupRuns);
            var sorted = times.Order().ToList();
            Line($"cold start of {bootstrap}: process start to its first Runtime API request ({request}) in {sorted[sorted.Count / 2]:0.0} ms "
                + $"(median of {sorted.Count}; {sorted[0]:0.0} to {sorted[^1]:0.0} ms)");
        }

        Line("");
        if (options.ThrottlePercent > 0)
        {
            Line($"throttling: {options.ThrottlePercent}% of calls answered with each service's throttling error ({stats.Throttled:N0} in all); "
                + $"the scan completed with {gaps} gaps and {notScanned} accounts not scanned");
        }

        var ratio = scan.Total.TotalSeconds / bound.Total.TotalSeconds;
        Line($"{scanned} accounts in {scan.Total.TotalSeconds:0.00} s ({scanned / scan.Total.TotalSeconds:0.0} accounts/s) at {L} ms latency, concurrency {options.Concurrency}: "
            + $"lower bound {bound.Total.TotalSeconds:0.00} s, ratio {ratio:0.00}");
        return stats.Duplicates == 0 && differences.Count == 0 ? 0 : 1;
    }

    private static string Mb(long bytes) => bytes < 10 * 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.00", Invariant) + " MB"
        : (bytes / 1024.0 / 1024.0).ToString("0", Invariant) + " MB";

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(Invariant));

    private static void Line(string text) => Console.WriteLine(text);
}

/// <summary>Samples the process while a scan runs: working set, threads, thread-pool queue.</summary>
internal sealed class ProcessSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProcessSampler() => _loop = Task.Run(LoopAsync);

    public long PeakWorkingSet { get; private set; }
    public int PeakThreads { get; private set; }
    public long PeakQueue { get; private set; }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
            PeakThreads = Math.Max(PeakThreads, ThreadPool.ThreadCount);
            PeakQueue = Math.Max(PeakQueue, ThreadPool.PendingWorkItemCount);
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false) && !_stop.IsCancellationRequested);
    }

    public void Stop()
    {
        _stop.Cancel();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }
}
