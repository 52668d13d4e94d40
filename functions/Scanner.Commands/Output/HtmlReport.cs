using System.Globalization;
using System.Net;
using System.Text;
using Scanner.Aws.Collectors;
using Scanner.Aws.Scanning;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Commands.Output;

/// <summary>
/// `--html FILE`: one self-contained page with the summary by severity and by account, and a table of findings that
/// a reader filters by account, OU (an OU covers the OUs below it), check, severity and status, and sorts by any
/// column. Nothing is fetched: inline CSS, SVG charts and a few lines of script, and a Content-Security-Policy that
/// forbids every network load, so the page opens offline and cannot leak what it shows.
/// </summary>
public static class HtmlReport
{
    /// <summary>The OU filter's value for accounts directly under the root.</summary>
    public const string RootOu = "(root)";

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
        var ous = organization.Accounts.ToDictionary(a => a.Id, OuPath, StringComparer.Ordinal);
        foreach (var scan in scans)
        {
            ous.TryAdd(scan.Account.Id, OuPath(scan.Account));
        }

        var shown = TableReport.Shown(scans)
            .OrderByDescending(r => r.Severity).ThenBy(r => r.AccountId, StringComparer.Ordinal).ThenBy(r => r.CheckId, StringComparer.Ordinal).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
            .Append("<title>Organization compliance report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}")
            .Append("th{cursor:pointer;background:#f3f4f6;white-space:nowrap}th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}")
            .Append(".sev{color:#fff;border-radius:4px;padding:0 .4rem}details{font-size:.9em}.charts{display:flex;gap:3rem;flex-wrap:wrap}")
            .Append(".filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:end;margin:1rem 0}.filters label{display:flex;flex-direction:column;font-size:.85em;gap:.2rem}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Organization {E(organization.OrganizationId)}: compliance report</h1><p>{E(summary.Text())}</p><div class=\"charts\">");
        html.Append(Bars("Failures by severity", Enum.GetValues<Severity>().Reverse().Select(s => (s.ToString(), summary.FailuresBySeverity[s], Colours[s]))));
        html.Append(Bars("Failures by account", shown.Where(r => r.Status == CheckStatus.Failed).GroupBy(r => r.AccountId)
            .OrderByDescending(g => g.Count()).Take(20).Select(g => ($"{g.Key} {names.GetValueOrDefault(g.Key, "")}", g.Count(), "#dc2626"))));
        html.Append(ExpiringExemptions(summary));
        html.Append("</div><h2>Findings</h2><div class=\"filters\">");
        html.Append(Filter("account", "Account", shown.Select(r => r.AccountId).Distinct().Order(StringComparer.Ordinal)
            .Select(id => (id, $"{id} {names.GetValueOrDefault(id, "")}".TrimEnd()))));
        html.Append(Filter("ou", "OU", shown.Select(r => ous.GetValueOrDefault(r.AccountId, RootOu)).SelectMany(Ancestors).Distinct().Order(StringComparer.Ordinal)
            .Select(ou => (ou, ou))));
        html.Append(Filter("check", "Check", shown.Select(r => r.CheckId).Distinct().Order(StringComparer.Ordinal).Select(c => (c, c))));
        html.Append(Filter("severity", "Severity", shown.Select(r => r.Severity).Distinct().OrderDescending().Select(s => (s.ToString(), s.ToString()))));
        html.Append(Filter("status", "Status", shown.Select(r => ResultRow.StatusText(r.Status)).Distinct().Order(StringComparer.Ordinal).Select(s => (s, s))));
        html.Append(CultureInfo.InvariantCulture, $"<output id=\"shown\">{shown.Count} of {shown.Count} findings</output></div>");
        html.Append("<table id=\"findings\"><thead><tr><th>Severity</th><th>Status</th><th>Account</th><th>OU</th><th>Region</th><th>Check</th><th>Finding and remediation</th></tr></thead><tbody>");
        foreach (var r in shown)
        {
            var ou = ous.GetValueOrDefault(r.AccountId, RootOu);
            html.Append(CultureInfo.InvariantCulture,
                    $"<tr data-account=\"{E(r.AccountId)}\" data-ou=\"{E(ou)}\" data-check=\"{E(r.CheckId)}\" data-severity=\"{r.Severity}\" data-status=\"{ResultRow.StatusText(r.Status)}\">")
                .Append(CultureInfo.InvariantCulture, $"<td data-sort=\"{(int)r.Severity}\"><span class=\"sev\" style=\"background:{Colours[r.Severity]}\">{r.Severity}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{ResultRow.StatusText(r.Status)}</td><td>{E(r.AccountId)} {E(names.GetValueOrDefault(r.AccountId, ""))}</td><td>{E(ou)}</td><td>{E(r.Region)}</td><td>{E(r.CheckId)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><strong>{E(r.Title)}</strong><br>{E(r.Description)}")
                .Append(r.Reason is null ? "" : $"<br><em>{E(r.Reason)}</em>")
                .Append(CultureInfo.InvariantCulture, $"<details><summary>Remediation</summary>{E(r.Remediation)}")
                .Append(r.RemediationUrl is null ? "" : $" <a href=\"{E(r.RemediationUrl)}\">Documentation</a>")
                .Append("</details></td></tr>");
        }

        return html.Append("</tbody></table><script>").Append(Script).Append("</script></body></html>").ToString();
    }

    /// <summary>
    /// Filters: a row shows when it matches every select (an OU matches itself and the OUs below it). Sorting: a
    /// header click sorts by that column (numbers by value, text by locale), again to reverse; aria-sort says which.
    /// </summary>
    private const string Script =
        "const table=document.getElementById('findings'),body=table.tBodies[0],selects=[...document.querySelectorAll('.filters select')];" +
        "function applyFilters(){let n=0;for(const row of body.rows){const show=selects.every(s=>{const want=s.value,have=row.dataset[s.name];" +
        "return want===''||have===want||(s.name==='ou'&&have.startsWith(want+'/'))});row.hidden=!show;if(show)n++}" +
        "document.getElementById('shown').textContent=n+' of '+body.rows.length+' findings'}" +
        "selects.forEach(s=>s.addEventListener('change',applyFilters));" +
        "table.querySelectorAll('th').forEach((th,i)=>th.addEventListener('click',()=>{" +
        "const dir=th.getAttribute('aria-sort')==='ascending'?'descending':'ascending';table.querySelectorAll('th').forEach(h=>h.removeAttribute('aria-sort'));th.setAttribute('aria-sort',dir);" +
        "const v=r=>{const c=r.cells[i];return c.dataset.sort??c.textContent.trim()};" +
        "[...body.rows].sort((x,y)=>{const a=v(x),b=v(y);const n=(isNaN(a)||isNaN(b))?a.localeCompare(b):a-b;return dir==='ascending'?n:-n}).forEach(r=>body.appendChild(r))}));";

    private static string Filter(string name, string label, IEnumerable<(string Value, string Text)> options)
    {
        var select = new StringBuilder();
        select.Append(CultureInfo.InvariantCulture, $"<label>{E(label)}<select name=\"{name}\" id=\"filter-{name}\"><option value=\"\">All</option>");
        foreach (var (value, text) in options)
        {
            select.Append(CultureInfo.InvariantCulture, $"<option value=\"{E(value)}\">{E(text)}</option>");
        }

        return select.Append("</select></label>").ToString();
    }

    /// <summary>An account's OUs from the root down, by name: "Workloads/Production"; "(root)" directly under the root.</summary>
    private static string OuPath(OrganizationAccount account) =>
        account.OuPath.Count == 0 ? RootOu : string.Join('/', account.OuPath.Select(o => o.Name));

    /// <summary>"Workloads/Production" is in "Workloads" and in "Workloads/Production": both filter to it.</summary>
    private static IEnumerable<string> Ancestors(string ouPath)
    {
        for (var slash = ouPath.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = ouPath.IndexOf('/', slash + 1))
        {
            yield return ouPath[..slash];
        }

        yield return ouPath;
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
