namespace Scanner.Commands.Output;

/// <summary>`--format csv`: RFC 4180, a header row, one row per result, for spreadsheets.</summary>
public static class CsvReport
{
    private static readonly string[] Header =
        ["checkId", "accountId", "accountName", "region", "resourceType", "resourceId", "status", "severity", "title", "description", "remediation", "remediationUrl", "reason"];

    public static void Write(IReadOnlyList<ResultRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(string.Join(',', Header));
        foreach (var r in rows)
        {
            output.WriteLine(string.Join(',', new[]
            {
                r.CheckId, r.AccountId, r.AccountName, r.Region, r.ResourceType, r.ResourceId, r.Status, r.Severity,
                r.Title, r.Description, r.Remediation, r.RemediationUrl ?? "", r.Reason ?? "",
            }.Select(Quote)));
        }
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets.</summary>
    internal static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
