using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scanner.Aws.Scanning;
using Spectre.Console;

namespace Scanner.Commands.Output;

/// <summary>One exemption weighed against one failing result, as the register prints it.</summary>
public sealed record ExemptionRegisterRow(
    string State,
    string Source,
    string DeclaredAt,
    string CheckId,
    string AccountId,
    string AccountName,
    string Region,
    string ResourceId,
    string? Reason,
    string? Until,
    int? DaysLeft,
    string? RefusedBy,
    string Detail);

/// <summary>
/// The exemption register (`exemptions`): every exemption in force and every refused, expired or unreadable one,
/// for an auditor: where it was declared, for which check, account and resource, why, until when, and how many days
/// are left. Built from the scan's results, so it shows exactly what the scan applied.
/// </summary>
public static class ExemptionRegister
{
    private static readonly string[] Header =
        ["state", "source", "declaredAt", "checkId", "accountId", "accountName", "region", "resourceId", "reason", "until", "daysLeft", "refusedBy", "detail"];

    // People read this output too: apostrophes and '>' stay as they are (the output is not embedded in HTML).
    private static readonly ExemptionJsonContext Readable = new(new JsonSerializerOptions(ExemptionJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static IReadOnlyList<ExemptionRegisterRow> From(IReadOnlyList<AccountScanResult> scans)
    {
        ArgumentNullException.ThrowIfNull(scans);
        var names = scans.ToDictionary(s => s.Account.Id, s => s.Account.Name, StringComparer.Ordinal);
        return [.. scans.SelectMany(s => s.Results).SelectMany(r => r.Exemptions)
            .OrderBy(d => d.AccountId, StringComparer.Ordinal)
            .ThenBy(d => d.CheckId, StringComparer.Ordinal)
            .ThenBy(d => d.ResourceId, StringComparer.Ordinal)
            .ThenBy(d => d.DeclaredAt, StringComparer.Ordinal)
            .Select(d => new ExemptionRegisterRow(
                d.StateName, d.SourceName, d.DeclaredAt, d.CheckId, d.AccountId, names.GetValueOrDefault(d.AccountId, ""), d.Region, d.ResourceId,
                d.Reason, d.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.DaysLeft,
                d.RefusedBy.Count > 0 ? string.Join(", ", d.RefusedBy) : null, d.Text))];
    }

    /// <summary>One line for stderr: how many of each state.</summary>
    public static string Summary(IReadOnlyList<ExemptionRegisterRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int Count(string state) => rows.Count(r => r.State == state);
        return $"{Count("IN_FORCE")} exemption(s) in force, {Count("REFUSED")} refused, {Count("EXPIRED")} expired, {Count("INVALID")} with an unreadable expiry";
    }

    public static void WriteJson(IReadOnlyList<ExemptionRegisterRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(rows, Readable.IReadOnlyListExemptionRegisterRow));
    }

    public static void WriteCsv(IReadOnlyList<ExemptionRegisterRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Join(',', Header));
        foreach (var r in rows)
        {
            // Days left is a number (negative once expired), written as one: it is not text a spreadsheet could take for a formula.
            string Text(string? value) => CsvReport.Quote(value ?? "");
            output.WriteLine(string.Join(',',
                Text(r.State), Text(r.Source), Text(r.DeclaredAt), Text(r.CheckId), Text(r.AccountId), Text(r.AccountName), Text(r.Region),
                Text(r.ResourceId), Text(r.Reason), Text(r.Until), r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "", Text(r.RefusedBy), Text(r.Detail)));
        }
    }

    public static void WriteTable(IReadOnlyList<ExemptionRegisterRow> rows, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(console);
        // A register is read whole: ARNs, declarations and reasons are not cut to a narrow terminal's width when written to a file or pipe.
        if (console.Profile.Out.IsTerminal is false)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 320);
        }

        var table = new Table().Border(TableBorder.Rounded).Expand().Title("[bold]Exemption register[/]")
            .AddColumn("State").AddColumn("Check").AddColumn("Account").AddColumn("Resource").AddColumn("Declared at").AddColumn("Reason")
            .AddColumn("Until").AddColumn("Days left");
        foreach (var r in rows)
        {
            var state = r.State switch
            {
                "IN_FORCE" => "[blue]IN_FORCE[/]",
                "REFUSED" => $"[red]REFUSED[/]\n[grey]{Markup.Escape(r.RefusedBy ?? "")}[/]",
                _ => $"[yellow]{r.State}[/]",
            };
            table.AddRow(
                new Markup(state), new Text(r.CheckId), new Text($"{r.AccountId} {r.AccountName}"), new Text(r.ResourceId),
                new Text(r.DeclaredAt), new Text(r.Reason ?? "—"), new Text(r.Until ?? "no expiry"),
                new Text(r.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "—"));
        }

        console.Write(table);
        console.MarkupLine(Markup.Escape(Summary(rows)));
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<ExemptionRegisterRow>))]
internal sealed partial class ExemptionJsonContext : JsonSerializerContext;
