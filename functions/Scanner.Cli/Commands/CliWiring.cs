using System.CommandLine;
using Scanner.Aws.Sessions;

namespace Scanner.Cli.Commands;

/// <summary>Puts the pieces together: the scan runner with Security Hub publishing and ASFF output.</summary>
public static class CliWiring
{
    public static ScanRunner ScanRunner(TextWriter stdout, TextWriter stderr, bool interactive, Func<ScanRequest, AwsEnvironment>? environment = null) => new(stdout, stderr, interactive)
    {
        Environment = environment,
    };

    public static void AddMoreCommands(RootCommand root, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(PolicyCommand.Create(stdout, stderr));
        root.Add(ExemptionsCommand.Create((request, format, ct) => new ExemptionRegisterRunner(stdout, stderr).RunAsync(request, format, ct)));
    }
}
