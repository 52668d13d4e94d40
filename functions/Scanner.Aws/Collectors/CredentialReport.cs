using System.Globalization;
using System.Text;

namespace Scanner.Aws.Collectors;

/// <summary>One row of the IAM credential report.</summary>
public sealed record CredentialReportRow
{
    public required string User { get; init; }
    public required string Arn { get; init; }
    public DateTimeOffset? UserCreationTime { get; init; }
    /// <summary>True or false; null when the report says not_supported (or nothing), which is unknown, not absent.</summary>
    public bool? PasswordEnabled { get; init; }
    public DateTimeOffset? PasswordLastUsed { get; init; }
    public bool MfaActive { get; init; }
    public required IReadOnlyList<CredentialReportKey> Keys { get; init; }

    /// <summary>cert_1_active and cert_2_active: active X.509 signing certificates.</summary>
    public bool Certificate1Active { get; init; }
    public bool Certificate2Active { get; init; }

    public bool IsRoot => User == "<root_account>";
}

/// <summary>access_key_1 / access_key_2 columns: the report has no key id, only these facts.</summary>
public sealed record CredentialReportKey(int Slot, bool Active, DateTimeOffset? LastRotated, DateTimeOffset? LastUsed, string? LastUsedService, string? LastUsedRegion);

/// <summary>
/// Parses the credential report: one report instead of several calls per user. Values "N/A", "no_information"
/// and "not_supported" mean no value; timestamps are ISO 8601.
/// </summary>
public static class CredentialReport
{
    private static readonly int[] KeySlots = [1, 2];
    private static readonly string[] RequiredColumns = ["user", "arn", "password_enabled", "mfa_active", "access_key_1_active", "access_key_2_active"];

    public static IReadOnlyList<CredentialReportRow> Parse(string base64Csv)
        => ParseCsv(Encoding.UTF8.GetString(Convert.FromBase64String(base64Csv)));

    public static IReadOnlyList<CredentialReportRow> ParseCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return [];
        }

        var header = Cells(lines[0]);
        var index = header.Select((name, i) => (name, i)).DistinctBy(p => p.name, StringComparer.Ordinal).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        foreach (var required in RequiredColumns)
        {
            if (!index.ContainsKey(required))
            {
                throw new FormatException($"The credential report has no '{required}' column.");
            }
        }

        var rows = new List<CredentialReportRow>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            // IAM allows commas in user names and paths. A quoted value is read whole; an unquoted one splits the row into
            // more cells than the header has, and nothing tells which commas are whose: such a row is left out, and the
            // collector reads that user with per-user calls instead of misreading it (or mistaking it for another user).
            var cells = Cells(line);
            if (cells.Count > header.Count)
            {
                continue;
            }

            string? Cell(string name) => index.TryGetValue(name, out var i) && i < cells.Count ? Value(cells[i]) : null;
            rows.Add(new CredentialReportRow
            {
                User = Cell("user") ?? "",
                Arn = Cell("arn") ?? "",
                UserCreationTime = Time(Cell("user_creation_time")),
                PasswordEnabled = Known(Cell("password_enabled")),
                PasswordLastUsed = Time(Cell("password_last_used")),
                MfaActive = Flag(Cell("mfa_active")),
                Certificate1Active = Flag(Cell("cert_1_active")),
                Certificate2Active = Flag(Cell("cert_2_active")),
                Keys =
                [
                    .. KeySlots.Select(slot => new CredentialReportKey(
                        slot,
                        Flag(Cell($"access_key_{slot}_active")),
                        Time(Cell($"access_key_{slot}_last_rotated")),
                        Time(Cell($"access_key_{slot}_last_used_date")),
                        Cell($"access_key_{slot}_last_used_service"),
                        Cell($"access_key_{slot}_last_used_region"))),
                ],
            });
        }

        return rows;
    }

    /// <summary>One CSV line's cells (RFC 4180: a cell in double quotes may hold commas, and "" is a quote).</summary>
    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static string? Value(string cell) => cell is "" or "N/A" or "no_information" or "not_supported" ? null : cell;

    private static bool Flag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static bool? Known(string? value) =>
        Flag(value) ? true : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? false : null;

    private static DateTimeOffset? Time(string? value)
        => value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
