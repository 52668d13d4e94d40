using System.Globalization;

namespace Scanner.Bench;

/// <summary>The benchmark's command line.</summary>
internal sealed record BenchOptions
{
    public int Accounts { get; init; } = 200;
    public int LatencyMs { get; init; } = 40;

    /// <summary>Accounts scanned at once (the CLI's --concurrency, default 16).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Regions collected at once within an account (the CLI's --region-concurrency, default 4).</summary>
    public int RegionConcurrency { get; init; } = 4;

    /// <summary>Per-user IAM calls at once within an account (CollectionOptions.IamConcurrency, default 4).</summary>
    public int IamConcurrency { get; init; } = 4;

    /// <summary>Accounts whose tags OrganizationReader reads at once (its default, 8, which the CLI uses).</summary>
    public int OrganizationConcurrency { get; init; } = 8;

    public double ThrottlePercent { get; init; }

    /// <summary>Accounts scanned one after another for the sequential baseline (extrapolated to all when fewer).</summary>
    public int SequentialSample { get; init; } = 20;

    public int PublishFindings { get; init; }

    public int BatchSize { get; init; } = 10;

    public int Seed { get; init; } = 1;

    public int CapacitySeconds { get; init; } = 3;

    /// <summary>A Lambda `bootstrap` (Native AOT) whose cold start to its first Runtime API request is measured.</summary>
    public string? Bootstrap { get; init; }

    public int StartupRuns { get; init; } = 5;

    public bool InProcessServer { get; init; }

    /// <summary>--deployed: the dispatcher, the queue and the scanner functions instead of the CLI's scan.</summary>
    public bool Deployed { get; init; }

    /// <summary>The event source mapping's MaximumConcurrency (template.yaml's ScannerMaximumConcurrency, 20).</summary>
    public int MaxConcurrency { get; init; } = 20;

    /// <summary>The scanner's memory size, for GB-seconds (template.yaml: 512 MB).</summary>
    public int MemoryMb { get; init; } = 512;

    /// <summary>The scanner's timeout: each invocation's deadline (template.yaml: 600 s).</summary>
    public int TimeoutSeconds { get; init; } = 600;

    /// <summary>STS AssumeRole requests a second per account and Region the server admits (0: no quota).</summary>
    public int AssumeRolePerSecond { get; init; } = 600;

    /// <summary>Organizations requests a second per account the server admits, all operations together (0: no quota).</summary>
    public int OrganizationsPerSecond { get; init; }
    public bool SkipSequential { get; init; }
    public bool SkipCapacity { get; init; }
    public bool SkipBatch { get; init; }

    public const string Usage = """
        usage: dotnet run -c Release --project bench/Scanner.Bench -- [options]
          --accounts N              accounts in the synthetic organization, management account included (200)
          --latency-ms L            delay of every AWS answer, imitating the round trip (40)
          --concurrency C           accounts scanned at once (16, the CLI's default)
          --region-concurrency R    regions collected at once within an account (4)
          --iam-concurrency I       per-user IAM calls at once within an account (4)
          --org-concurrency K       account tags read at once by OrganizationReader (8)
          --throttle-percent P      answer P% of AWS calls with the service's throttling error (0)
          --sequential-sample S     accounts scanned one by one for the sequential baseline, extrapolated (20; 0 skips)
          --publish-findings F      also publish F findings to one account's Security Hub and check the request rate (0)
          --batch-size B            accounts in the Lambda-batch memory probe, run in a fresh process (10; 0 skips)
          --capacity-seconds T      length of the server capacity probe at latency 0 (3; 0 skips)
          --aot-bootstrap PATH      also time a Lambda bootstrap from process start to its first Runtime API request
          --startup-runs N          starts of the bootstrap to time (5)
          --seed S                  synthetic organization seed (1)
          --in-process-server       serve from this process instead of a child process (figures then mix both)
        deployed path (--deployed): the dispatcher, an SQS queue and the scanner functions, then an unchanged rescan
          --deployed                run this benchmark instead of the CLI's scan
          --max-concurrency N       the event source mapping's MaximumConcurrency: scanner invocations at once (20)
          --batch-size B            messages (accounts) per scanner invocation, at most 10 (10)
          --memory-mb M             the scanner's memory size, for GB-seconds and cost (512, the template's)
          --timeout-seconds T       the scanner's timeout, each invocation's deadline (600, the template's)
          --sts-rps R               STS AssumeRole quota per account and Region enforced by the server (600; 0 none)
          --organizations-rps R     Organizations quota per account enforced by the server (0: none)
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--accounts" => options with { Accounts = Int() },
                "--latency-ms" => options with { LatencyMs = Int() },
                "--concurrency" => options with { Concurrency = Int() },
                "--region-concurrency" => options with { RegionConcurrency = Int() },
                "--iam-concurrency" => options with { IamConcurrency = Int() },
                "--org-concurrency" => options with { OrganizationConcurrency = Int() },
                "--throttle-percent" => options with { ThrottlePercent = double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture) },
                "--sequential-sample" => options with { SequentialSample = Int() },
                "--publish-findings" => options with { PublishFindings = Int() },
                "--batch-size" => options with { BatchSize = Int() },
                "--capacity-seconds" => options with { CapacitySeconds = Int() },
                "--seed" => options with { Seed = Int() },
                "--aot-bootstrap" => options with { Bootstrap = Value() },
                "--startup-runs" => options with { StartupRuns = Int() },
                "--in-process-server" => options with { InProcessServer = true },
                "--deployed" => options with { Deployed = true },
                "--max-concurrency" => options with { MaxConcurrency = Int() },
                "--memory-mb" => options with { MemoryMb = Int() },
                "--timeout-seconds" => options with { TimeoutSeconds = Int() },
                "--sts-rps" => options with { AssumeRolePerSecond = Int() },
                "--organizations-rps" => options with { OrganizationsPerSecond = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Accounts < 1 || options.Concurrency < 1 || options.RegionConcurrency < 1 || options.IamConcurrency < 1 || options.OrganizationConcurrency < 1)
        {
            throw new ArgumentException("--accounts and the concurrencies must be at least 1.");
        }

        if (options.Deployed && (options.MaxConcurrency < 1 || options.BatchSize is < 1 or > 10 || options.MemoryMb is < 128 or > 10240
            || options.TimeoutSeconds is < 1 or > 900))
        {
            throw new ArgumentException("--deployed takes --max-concurrency ≥ 1, --batch-size 1 to 10, --memory-mb 128 to 10240, --timeout-seconds 1 to 900 (Lambda's limits).");
        }

        if (options.ThrottlePercent is < 0 or >= 100)
        {
            throw new ArgumentException("--throttle-percent must be in [0, 100).");
        }

        return options with
        {
            SkipSequential = options.SequentialSample <= 0,
            SkipBatch = options.BatchSize <= 0,
            SkipCapacity = options.CapacitySeconds <= 0,
        };
    }
}
