using Scanner.Aws.Scanning;
using Scanner.Core.Evaluation;
using Spectre.Console;

namespace Scanner.Commands.Output;

/// <summary>
/// The default on a terminal: one table per account, most severe first, coloured by severity, as wide as the console
/// (the terminal's width); passed results are counted in the summary rather than listed. When stdout is not a
/// terminal, <see cref="FixedWidthReport"/> prints the same findings in plain 80-column lines instead.
/// </summary>
public static class TableReport
{
    public static void Write(IReadOnlyList<AccountScanResult> scans, ScanSummary summary, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(console);
        var names = scans.ToDictionary(s => s.Account.Id, s => s.Account.Name, StringComparer.Ordinal);
        foreach (var group in Shown(scans).GroupBy(r => r.AccountId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = names.GetValueOrDefault(group.Key, "");
            var table = new Table().Border(TableBorder.Rounded).Expand()
                .Title($"[bold]{Markup.Escape(group.Key)}[/] {Markup.Escape(name)}")
                .AddColumn("Severity").AddColumn("Status").AddColumn("Check").AddColumn("Region").AddColumn("Finding");
            foreach (var r in InAccountOrder(group))
            {
                var finding = Markup.Escape(r.Title) + (r.Reason is null ? "" : $"\n[grey]{Markup.Escape(r.Reason)}[/]");
                table.AddRow(
                    new Markup($"[{Colour(r.Severity)}]{r.Severity.ToString().ToUpperInvariant()}[/]"),
                    new Markup(r.Status == CheckStatus.Failed ? "[red]FAILED[/]" : r.Status == CheckStatus.Exempted ? "[blue]EXEMPTED[/]" : r.Status == CheckStatus.NotApplicable ? "[grey]NOT APPLICABLE[/]" : "[magenta]ERROR[/]"),
                    new Text(r.CheckId), new Text(r.Region), new Markup(finding));
            }

            console.Write(table);
        }

        console.MarkupLine((summary.Failures + summary.Errors > 0 ? "[red]" : "[green]") + Markup.Escape(summary.Text()) + "[/]");
    }

    /// <summary>What the table formats list: everything but passed results.</summary>
    internal static IEnumerable<CheckResult> Shown(IReadOnlyList<AccountScanResult> scans) =>
        scans.SelectMany(s => s.Results).Where(r => r.Status != CheckStatus.Passed);

    /// <summary>Within an account: most severe first, then by check and resource.</summary>
    internal static IEnumerable<CheckResult> InAccountOrder(IEnumerable<CheckResult> results) =>
        results.OrderByDescending(r => r.Severity).ThenBy(r => r.CheckId, StringComparer.Ordinal).ThenBy(r => r.ResourceId, StringComparer.Ordinal);

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Critical => "bold red",
        Severity.High => "red",
        Severity.Medium => "yellow",
        Severity.Low => "blue",
        _ => "grey",
    };
}
