using System.CommandLine;

namespace Scanner.Cli.Commands;

/// <summary>Puts the pieces together: the scan runner with Security Hub publishing and ASFF output.</summary>
public static class CliWiring
{
    public static ScanRunner ScanRunner(TextWriter stdout, TextWriter stderr, bool interactive) => new(stdout, stderr, interactive);

    public static void AddMoreCommands(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
    }
}
