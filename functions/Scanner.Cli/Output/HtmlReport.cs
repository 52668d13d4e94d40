using System.Globalization;
using System.Net;
using System.Text;
using Scanner.Aws.Collectors;
using Scanner.Aws.Scanning;
using Scanner.Core.Evaluation;

namespace Scanner.Cli.Output;

/// <summary>
/// `--html FILE`: one self-contained page (no network fetches: inline CSS, SVG charts and a few lines of script)
/// with the summary by severity and by account, a sortable table of findings, and the remediation of each.
/// </summary>
public static class HtmlReport
{
    private static readonly Dictionary<Severity, string> Colours = new()
    {
        [Severity.Critical] = "#7f1d1d", [Severity.High] = "#dc2626", [Severity.Medium] = "#d97706", [Severity.Low] = "#2563eb", [Severity.Informational] = "#6b7280",
    };

    public static string Render(IReadOnlyList<AccountScanResult> scans, ScanSummary summary, OrganizationSnapshot organization)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(organization);
        var names = scans.ToDictionary(s => s.Account.Id, s => s.Account.Name, StringComparer.Ordinal);
        var shown = scans.SelectMany(s => s.Results).Where(r => r.Status != CheckStatus.Passed)
            .OrderByDescending(r => r.Severity).ThenBy(r => r.AccountId, StringComparer.Ordinal).ThenBy(r => r.CheckId, StringComparer.Ordinal).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Organization compliance report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}")
            .Append("th{cursor:pointer;background:#f3f4f6}.sev{color:#fff;border-radius:4px;padding:0 .4rem}details{font-size:.9em}.charts{display:flex;gap:3rem;flex-wrap:wrap}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Organization {E(organization.OrganizationId)}: compliance report</h1><p>{E(summary.Text())}</p><div class=\"charts\">");
        html.Append(Bars("Failures by severity", Enum.GetValues<Severity>().Reverse().Select(s => (s.ToString(), summary.FailuresBySeverity[s], Colours[s]))));
        html.Append(Bars("Failures by account", shown.Where(r => r.Status == CheckStatus.Failed).GroupBy(r => r.AccountId)
            .OrderByDescending(g => g.Count()).Take(20).Select(g => ($"{g.Key} {names.GetValueOrDefault(g.Key, "")}", g.Count(), "#dc2626"))));
        html.Append(ExpiringExemptions(summary));
        html.Append("</div><h2>Findings</h2><table id=\"findings\"><thead><tr><th>Severity</th><th>Status</th><th>Account</th><th>Region</th><th>Check</th><th>Finding and remediation</th></tr></thead><tbody>");
        foreach (var r in shown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td data-sort=\"{(int)r.Severity}\"><span class=\"sev\" style=\"background:{Colours[r.Severity]}\">{r.Severity}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{ResultRow.StatusText(r.Status)}</td><td>{E(r.AccountId)} {E(names.GetValueOrDefault(r.AccountId, ""))}</td><td>{E(r.Region)}</td><td>{E(r.CheckId)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><strong>{E(r.Title)}</strong><br>{E(r.Description)}")
                .Append(r.Reason is null ? "" : $"<br><em>{E(r.Reason)}</em>")
                .Append(CultureInfo.InvariantCulture, $"<details><summary>Remediation</summary>{E(r.Remediation)}")
                .Append(r.RemediationUrl is null ? "" : $" <a href=\"{E(r.RemediationUrl)}\">Documentation</a>")
                .Append("</details></td></tr>");
        }

        html.Append("</tbody></table><script>")
            .Append("document.querySelectorAll('#findings th').forEach((th,i)=>th.addEventListener('click',()=>{const b=th.closest('table').tBodies[0];")
            .Append("const d=th.dataset.dir=th.dataset.dir==='asc'?'desc':'asc';const v=r=>{const c=r.cells[i];return c.dataset.sort??c.textContent};")
            .Append("[...b.rows].sort((x,y)=>{const a=v(x),c=v(y);const n=(isNaN(a)||isNaN(c))?a.localeCompare(c):a-c;return d==='asc'?n:-n}).forEach(r=>b.appendChild(r))}));")
            .Append("</script></body></html>");
        return html.ToString();
    }

    private static string Bars(string title, IEnumerable<(string Label, int Value, string Colour)> bars)
    {
        var list = bars.ToList();
        var max = Math.Max(1, list.Count == 0 ? 1 : list.Max(b => b.Value));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(title)}</figcaption><svg width=\"520\" height=\"{(list.Count * 24) + 4}\" role=\"img\">");
        for (var i = 0; i < list.Count; i++)
        {
            var (label, value, colour) = list[i];
            var width = (int)(300.0 * value / max);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{(i * 24) + 16}\" font-size=\"12\">{E(label)}</text>")
                .Append(CultureInfo.InvariantCulture, $"<rect x=\"200\" y=\"{(i * 24) + 4}\" width=\"{width}\" height=\"16\" fill=\"{colour}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{205 + width}\" y=\"{(i * 24) + 16}\" font-size=\"12\">{value}</text>");
        }

        return svg.Append("</svg></figure>").ToString();
    }

    /// <summary>Exemptions in force that end within the policy's warning period, so that they are renewed or fixed in time.</summary>
    private static string ExpiringExemptions(ScanSummary summary)
    {
        if (summary.ExpiringExemptions.Count == 0)
        {
            return "";
        }

        var section = new StringBuilder("<figure id=\"expiring-exemptions\"><figcaption>Exemptions expiring soon</figcaption><ul>");
        foreach (var line in summary.ExpiringExemptionLines())
        {
            section.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
        }

        return section.Append("</ul></figure>").ToString();
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
