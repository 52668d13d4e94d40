namespace Scanner.Functions.Tests.Support;

public static class Repository
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds Scanner.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scanner.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Scanner.sln above {AppContext.BaseDirectory}.");
    }
}
