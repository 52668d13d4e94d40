using Scanner.Aws.Scanning;
using Scanner.Core.Evaluation;

namespace Scanner.Cli.Output;

/// <summary>The counts every report leads with.</summary>
public sealed record ScanSummary(int AccountsScanned, int AccountsNotScanned, IReadOnlyDictionary<Severity, int> FailuresBySeverity, int Passed, int Exempted, int Errors, TimeSpan Duration)
{
    public int Failures => FailuresBySeverity.Values.Sum();

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
            duration);
    }

    public string Text()
    {
        var bySeverity = string.Join(", ", FailuresBySeverity.Where(p => p.Value > 0).OrderByDescending(p => p.Key).Select(p => $"{p.Value} {p.Key.ToString().ToLowerInvariant()}"));
        return $"{AccountsScanned} account(s) scanned, {AccountsNotScanned} not scanned; {Failures} failure(s)"
            + (bySeverity.Length > 0 ? $" ({bySeverity})" : "")
            + $", {Exempted} exempted, {Errors} error(s), {Passed} passed; {Duration.TotalSeconds:0.0} s";
    }
}
