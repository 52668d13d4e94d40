using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Build;

/// <summary>
/// Builds both Lambda packages once, through the same make targets `sam build` runs (Native AOT, linux-x64),
/// into a temporary folder: the intermediate output too, so the build never touches the working tree's obj/.
/// </summary>
public sealed class NativeBootstrapFixture : IAsyncLifetime
{
    // Both bootstraps are built once per test process, however many classes use them: an AOT build takes minutes.
    private static readonly string SharedRoot = Path.Combine(Path.GetTempPath(), $"scanner-native-{Guid.NewGuid():N}");
    private static readonly Lazy<Task<IReadOnlyDictionary<string, ProcessResult>>> SharedBuilds = new(BuildAllAsync);
    private readonly string _root = SharedRoot;

    public string DispatcherBootstrap => Path.Combine(_root, "DispatcherFunction", "bootstrap");

    public string AccountScannerBootstrap => Path.Combine(_root, "AccountScannerFunction", "bootstrap");

    public IReadOnlyDictionary<string, ProcessResult> Builds { get; private set; } = new Dictionary<string, ProcessResult>();

    public async Task InitializeAsync() => Builds = await SharedBuilds.Value;

    private static async Task<IReadOnlyDictionary<string, ProcessResult>> BuildAllAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(SharedRoot, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var root = SharedRoot;
        var builds = new Dictionary<string, ProcessResult>();
        // One after the other: two AOT compilations at once on two cores only make both slower.
        foreach (var function in new[] { "DispatcherFunction", "AccountScannerFunction" })
        {
            builds[function] = await ProcessRunner.RunAsync(
                "make",
                [
                    "--no-print-directory",
                    "-C", Repository.Root,
                    $"build-{function}",
                    $"ARTIFACTS_DIR={Path.Combine(root, function)}",
                    $"LAMBDA_BUILD_DIR={Path.Combine(root, "build")}",
                ],
                Repository.Root,
                installHint: "apt-get install make (and the .NET SDK's Native AOT prerequisites: clang or gcc, zlib1g-dev)",
                timeout: TimeSpan.FromMinutes(10),
                environment: new Dictionary<string, string?>
                {
                    ["MSBUILDDISABLENODEREUSE"] = "1",
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                    ["DOTNET_NOLOGO"] = "1",
                });
        }

        return builds;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
