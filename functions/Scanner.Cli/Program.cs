using System.CommandLine;
using Scanner.Cli.Commands;

var interactive = !Console.IsOutputRedirected;
var root = new RootCommand("Organization compliance scanner: local IAM users and keys, root credentials, management-account workloads, the organization trail, regions and tags, across every account of an AWS Organization.")
{
    ScanCommand.Create((request, ct) => CliWiring.ScanRunner(Console.Out, Console.Error, interactive).RunAsync(request, ct)),
    ChecksCommand.Create(Console.Out),
};
CliWiring.AddMoreCommands(root, Console.Out, Console.Error);
return await root.Parse(args).InvokeAsync();
