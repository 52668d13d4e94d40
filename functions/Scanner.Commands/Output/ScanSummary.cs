using System.Globalization;
using Scanner.Aws.Scanning;
using Scanner.Core.Evaluation;

namespace Scanner.Commands.Output;

/// <summary>The counts every report leads with.</summary>
public sealed record ScanSummary(int AccountsScanned, int AccountsNotScanned, IReadOnlyDictionary<Severity, int> FailuresBySeverity, int Passed, int Exempted, int Errors, TimeSpan Duration)
{
    public int Failures => FailuresBySeverity.Values.Sum();

    /// <summary>Exemptions in force that expire within the policy's exemptionWarningDays, soonest first: called out so they are renewed or fixed in time.</summary>
    public IReadOnlyList<ExemptionDecision> ExpiringExemptions { get; init; } = [];

    public static ScanSummary From(IReadOnlyList<AccountScanResult> scans, TimeSpan duration)
    {
        var results = scans.SelectMany(s => s.Results).ToList();
        return new ScanSummary(
            scans.Count(s => s.Error is null),
            scans.Count(s => s.Error is not null),
            Enum.GetValues<Severity>().ToDictionary(s => s, s => results.Count(r => r.Status == CheckStatus.Failed && r.Severity == s)),
            results.Count(r => r.Status == CheckStatus.Passed),
            results.Count(r => r.Status == CheckStatus.Exempted),
            results.Count(r => r.Status == CheckStatus.Error),
            duration)
        {
            ExpiringExemptions = [.. results.SelectMany(r => r.Exemptions).Where(e => e.State == ExemptionState.InForce && e.ExpiresSoon)
                .OrderBy(e => e.DaysLeft).ThenBy(e => e.AccountId, StringComparer.Ordinal).ThenBy(e => e.ResourceId, StringComparer.Ordinal)],
        };
    }

    /// <summary>One line per exemption expiring soon (empty when none): what, where, declared by what, and when it ends.</summary>
    public IEnumerable<string> ExpiringExemptionLines() =>
        ExpiringExemptions.Select(e =>
            string.Create(CultureInfo.InvariantCulture, $"{e.CheckId} on {e.ResourceId} (account {e.AccountId}), by {e.DeclaredAt}, ends {e.Until:yyyy-MM-dd} ({e.DaysLeft} day(s) left)"));

    public string Text()
    {
        var bySeverity = string.Join(", ", FailuresBySeverity.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key.ToString().ToLowerInvariant()}"));
        return $"{AccountsScanned} account(s) scanned, {AccountsNotScanned} not scanned; {Failures} failure(s)"
            + (bySeverity.Length > 0 ? $" ({bySeverity})" : "")
            + $", {Exempted} exempted, {Errors} error(s), {Passed} passed; {Duration.TotalSeconds:0.0} s"
            + (ExpiringExemptions.Count > 0 ? $"; {ExpiringExemptions.Count} exemption(s) expiring soon: " + string.Join("; ", ExpiringExemptionLines().Take(5)) : "")
            + (ExpiringExemptions.Count > 5 ? $"; and {ExpiringExemptions.Count - 5} more (see `exemptions`)" : "");
    }
}
