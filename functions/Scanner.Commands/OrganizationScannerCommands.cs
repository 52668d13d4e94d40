using System.CommandLine;

namespace Scanner.Commands;

/// <summary>
/// The CLI's command tree, every verb wired to its runner: the one place it is put together, so that the shipped
/// executable and a test that parses a command line run the very same commands.
/// </summary>
public static class OrganizationScannerCommands
{
    public static RootCommand Root(TextWriter stdout, TextWriter stderr, bool interactive) =>
        new("Organization compliance scanner: local IAM users and keys, root credentials, management-account workloads, the organization trail, regions and tags, across every account of an AWS Organization.")
        {
            ScanCommand.Create((request, ct) => new ScanRunner(stdout, stderr, interactive).RunAsync(request, ct)),
            ChecksCommand.Create(stdout),
            PolicyCommand.Create(stdout, stderr),
            ExemptionsCommand.Create((request, format, ct) => new ExemptionRegisterRunner(stdout, stderr).RunAsync(request, format, ct)),
        };
}
