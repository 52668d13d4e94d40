namespace Scanner.Functions.Tests.Support;

/// <summary>
/// Where tests keep what a person may want to look at afterwards (screenshots): TEST_RESULTS_DIR when set (.ci/run
/// sets it to its results folder, beside the .trx files), else TestResults/ at the repository root.
/// </summary>
public static class TestArtifacts
{
    public static string PathFor(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } configured
            ? configured
            : Repository.PathOf("TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
