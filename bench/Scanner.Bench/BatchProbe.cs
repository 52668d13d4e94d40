using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Scanner.Aws.Publishing;
using Scanner.Aws.Sessions;
using Scanner.Bench.Server.Model;

namespace Scanner.Bench;

/// <summary>What one Lambda-sized batch cost in a fresh process.</summary>
internal sealed record BatchResult
{
    public int Accounts { get; init; }
    public long StartWorkingSetBytes { get; init; }
    public long PeakWorkingSetBytes { get; init; }
    public long GcHeapBytes { get; init; }
    public long AllocatedBytes { get; init; }
    public double WallMs { get; init; }
    public int Results { get; init; }
    public int Published { get; init; }
    public int PublishErrors { get; init; }
}

/// <summary>
/// Peak memory of one SQS batch as the account-scanner function handles it: a fresh process (as a new Lambda
/// environment is), the accounts of one batch scanned with the function's default concurrency (8 accounts, 4 regions)
/// and each account's results published to its own Security Hub. Run as a child process (the `batch` verb) so its
/// peak working set is its own.
/// </summary>
internal static class BatchProbe
{
    public const int FunctionAccountConcurrency = 8;
    public const int FunctionRegionConcurrency = 4;

    public static async Task<BatchResult> RunAsync(string endpoint, BenchOptions options)
    {
        var start = ServerHost.SelfStart("batch",
            "--endpoint", endpoint,
            "--accounts", options.Accounts.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
            "--batch-size", options.BatchSize.ToString(CultureInfo.InvariantCulture));
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The batch probe did not start.");
        var output = await child.StandardOutput.ReadToEndAsync();
        var errors = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The batch probe failed ({child.ExitCode}): {errors}{output}");
        }

        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonSerializer.Deserialize<BatchResult>(line) ?? throw new InvalidOperationException("The batch probe printed nothing.");
    }

    /// <summary>The `batch` verb.</summary>
    public static async Task<int> RunChildAsync(IReadOnlyList<string> args)
    {
        string Value(string name) => args[args.ToList().IndexOf(name) + 1];
        var startWorkingSet = Environment.WorkingSet;
        var endpoint = Value("--endpoint");
        var organization = OrganizationGenerator.Generate(int.Parse(Value("--accounts"), CultureInfo.InvariantCulture), int.Parse(Value("--seed"), CultureInfo.InvariantCulture));
        var size = int.Parse(Value("--batch-size"), CultureInfo.InvariantCulture);

        // The batch: accounts 1..size (members, as the dispatcher queues them), each a job the function scans then publishes.
        var jobs = organization.Accounts.Skip(1).Take(size).Select(a => ExpectedInventory.Account(organization, a)).ToList();
        var clock = Stopwatch.StartNew();
        var environment = ScanHarness.Environment(endpoint);
        using var sessions = new AccountSessionFactory(environment, ScanHarness.Policy.AuditRoleName, ScanHarness.Policy.ExternalId);
        var scannerAccountId = await ScanHarness.CallerAccountAsync(environment, CancellationToken.None);
        var scan = ScanHarness.Scan(sessions, new ScanSettings(FunctionAccountConcurrency, FunctionRegionConcurrency, 4, 1), scannerAccountId);
        var publisher = new SecurityHubPublisher();
        var published = 0;
        var publishErrors = 0;
        var results = await scan.RunAsync(jobs, async (result, ct) =>
        {
            var session = await sessions.ForAccountAsync(result.Account.Id, ct);
            var outcome = await publisher.PublishAsync(session, result.Account.Id, environment.Region, result.Results, result.ChecksRun, result.Gaps, ct);
            Interlocked.Add(ref published, outcome.Imported);
            if (!outcome.Succeeded)
            {
                Interlocked.Increment(ref publishErrors);
            }

            return result;
        }, null, CancellationToken.None);
        var wall = clock.Elapsed;

        using var process = Process.GetCurrentProcess();
        var result = new BatchResult
        {
            Accounts = results.Count,
            StartWorkingSetBytes = startWorkingSet,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            GcHeapBytes = GC.GetGCMemoryInfo().HeapSizeBytes,
            AllocatedBytes = GC.GetTotalAllocatedBytes(),
            WallMs = wall.TotalMilliseconds,
            Results = results.Sum(r => r.Results.Count),
            Published = published,
            PublishErrors = publishErrors,
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}
