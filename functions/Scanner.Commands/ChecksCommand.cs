using System.CommandLine;
using Scanner.Core.Checks;
using Spectre.Console;

namespace Scanner.Commands;

/// <summary>`checks`: the catalog, so people know what a scan looks for before they run one.</summary>
public static class ChecksCommand
{
    public static Command Create(TextWriter output)
    {
        var markdown = new Option<bool>("--markdown") { Description = "Print the catalog as the Markdown table the README carries." };
        var command = new Command("checks", "List every check: id, severity, title and the CIS / AWS FSBP controls it maps to.") { markdown };
        command.SetAction(parse =>
        {
            if (parse.GetValue(markdown))
            {
                output.Write(CheckCatalog.RenderMarkdownTable());
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Check").AddColumn("Severity").AddColumn("Title").AddColumn("Controls");
            foreach (var check in CheckCatalog.All.OrderBy(c => c.Id, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(check.Id), check.Severity.ToString(), Markup.Escape(check.Title), Markup.Escape(string.Join(", ", check.Controls)));
            }

            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }).Write(table);
            return 0;
        });
        return command;
    }
}
