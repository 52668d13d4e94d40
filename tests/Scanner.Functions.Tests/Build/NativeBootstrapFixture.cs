using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Build;

/// <summary>
/// Builds both Lambda packages once, through the same make targets `sam build` runs (Native AOT, linux-x64),
/// into a temporary folder: the intermediate output too, so the build never touches the working tree's obj/.
/// </summary>
public sealed class NativeBootstrapFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"scanner-native-{Guid.NewGuid():N}");

    public string DispatcherBootstrap => Path.Combine(_root, "DispatcherFunction", "bootstrap");

    public string AccountScannerBootstrap => Path.Combine(_root, "AccountScannerFunction", "bootstrap");

    public IReadOnlyDictionary<string, ProcessResult> Builds { get; private set; } = new Dictionary<string, ProcessResult>();

    public async Task InitializeAsync()
    {
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
                    $"ARTIFACTS_DIR={Path.Combine(_root, function)}",
                    $"LAMBDA_BUILD_DIR={Path.Combine(_root, "build")}",
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

        Builds = builds;
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }
}
