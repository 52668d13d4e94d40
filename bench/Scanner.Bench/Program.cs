using Scanner.Bench;

// Verbs used by the benchmark itself: `serve` runs the bench server in a child process, `batch` the Lambda-batch memory
// probe, `lambda-env` one execution environment of the account scanner (--deployed).
try
{
    return args.FirstOrDefault() switch
    {
        "serve" => await ServerHost.ServeAsync(args[1..]),
        "batch" => await BatchProbe.RunChildAsync(args[1..]),
        "lambda-env" => await Scanner.Bench.Deployed.ExecutionEnvironment.RunChildAsync(),
        "--help" or "-h" => Help(),
        _ when BenchOptions.Parse(args) is { Deployed: true } deployed => await Scanner.Bench.Deployed.DeployedBenchmark.RunAsync(deployed),
        _ => await Benchmark.RunAsync(BenchOptions.Parse(args)),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync("error: " + e.Message);
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

static int Help()
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
