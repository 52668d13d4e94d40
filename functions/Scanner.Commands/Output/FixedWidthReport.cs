using Scanner.Aws.Scanning;

namespace Scanner.Commands.Output;

/// <summary>
/// The table format when stdout is not a terminal (a file, a pipe, a CI log): the same findings as
/// <see cref="TableReport"/>, in plain lines no wider than 80 columns, so nothing wraps in a log viewer or an
/// 80-column terminal, and no box drawing to confuse grep. One block per account; per finding a line with severity,
/// status, check and Region, then its title and reason indented below, wrapped at word boundaries.
/// </summary>
public static class FixedWidthReport
{
    public const int Width = 80;
    private const string Indent = "      ";

    public static void Write(IReadOnlyList<AccountScanResult> scans, ScanSummary summary, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        var names = scans.ToDictionary(s => s.Account.Id, s => s.Account.Name, StringComparer.Ordinal);
        foreach (var group in TableReport.Shown(scans).GroupBy(r => r.AccountId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            WriteWrapped(output, $"Account {group.Key} {names.GetValueOrDefault(group.Key, "")}".TrimEnd(), "");
            foreach (var r in TableReport.InAccountOrder(group))
            {
                WriteWrapped(output, $"  {r.Severity.ToString().ToUpperInvariant(),-13} {ResultRow.StatusText(r.Status),-8} {r.CheckId} {r.Region}", Indent);
                WriteWrapped(output, Indent + r.Title, Indent);
                if (r.Reason is { } reason)
                {
                    WriteWrapped(output, Indent + reason, Indent);
                }
            }

            output.WriteLine();
        }

        WriteWrapped(output, summary.Text(), "");
    }

    /// <summary>
    /// Lines of at most <see cref="Width"/> characters: broken at spaces, continuation lines indented; a word longer
    /// than a line (an ARN) is cut where the line ends.
    /// </summary>
    public static IEnumerable<string> Wrap(string text, string indent)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(indent);
        var rest = text.ReplaceLineEndings(" ").TrimEnd();
        while (rest.Length > Width)
        {
            var cut = rest.LastIndexOf(' ', Width);
            var head = cut > indent.Length ? rest[..cut].TrimEnd() : rest[..Width];
            yield return head;
            rest = indent + rest[head.Length..].TrimStart();
        }

        if (rest.Trim().Length > 0)
        {
            yield return rest;
        }
    }

    private static void WriteWrapped(TextWriter output, string text, string indent)
    {
        foreach (var line in Wrap(text, indent))
        {
            output.WriteLine(line);
        }
    }
}
