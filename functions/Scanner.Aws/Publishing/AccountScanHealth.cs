using System.Security.Cryptography;
using System.Text;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;

namespace Scanner.Aws.Publishing;

/// <summary>
/// An account's scan health: one finding per account in the scanner's own account (scan.account-not-scanned, subject
/// AWS::::Account:{id}), ERROR when the account could not be scanned or published (<see cref="ScanHealth.AccountNotScanned"/>),
/// FAILED when it was scanned only in part (<see cref="ScanHealth.AccountPartiallyScanned"/>), resolved (PASSED and
/// archived, <see cref="Scanned"/>) when it was scanned whole. The finding is imported only when that state, or what
/// it says, changes from what the run began with (<see cref="PreviousScanHealth"/>): scanning an unchanged
/// organization writes nothing and reads nothing in the scanner's account. Findings of this check are resolved only
/// this way, per account, never because an account is missing from a publish.
/// </summary>
public static class AccountScanHealth
{
    /// <summary>An unchanged active health finding is re-imported this often, within Security Hub's 90-day retention.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromDays(30);

    public static string CheckId => ScanHealth.AccountNotScannedDefinition.Id;

    /// <summary>The PASSED result saying that <paramref name="accountId"/> was scanned.</summary>
    /// <param name="accountId">The account that was scanned.</param>
    /// <param name="accountName">Its name in AWS Organizations, if known.</param>
    /// <param name="reportingAccountId">The scanner's own account, where scan.account-not-scanned findings are stored.</param>
    /// <param name="region">The Region those findings are imported into (the scanner's home Region).</param>
    public static CheckResult Scanned(string accountId, string accountName, string reportingAccountId, string region)
    {
        var account = ScanHealth.AccountLabel(accountId, accountName);
        return ScanHealth.AboutAccount(accountId, accountName, reportingAccountId, region) with
        {
            Description = $"{account} was scanned: the audit role could be assumed and every collection succeeded.",
        };
    }

    /// <summary>
    /// The health result of one account's scan (and publish): its ERROR result when it has one, else a partial-scan
    /// result when something could not be read, else <see cref="Scanned"/>.
    /// </summary>
    public static CheckResult Of(OrganizationAccount account, IReadOnlyList<CheckResult> results, IReadOnlyList<CollectionGap> gaps, string reportingAccountId, string region)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(gaps);
        return results.FirstOrDefault(r => r.CheckId == CheckId && r.Status == CheckStatus.Error)
            ?? (gaps.Count > 0
                ? ScanHealth.AccountPartiallyScanned(account.Id, account.Name, gaps, reportingAccountId, region)
                : Scanned(account.Id, account.Name, reportingAccountId, region));
    }

    /// <summary>The state a health result stands for.</summary>
    public static ScanState StateOf(CheckResult health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return health.Status switch
        {
            CheckStatus.Error => ScanState.NotScanned,
            CheckStatus.Failed => ScanState.PartiallyScanned,
            _ => ScanState.Scanned,
        };
    }

    /// <summary>
    /// The state an active health finding read from Security Hub stands for: our ERROR verdict is NotScanned, any other
    /// active one PartiallyScanned; an archived one (or none) is Scanned. Null when the finding is not a health
    /// finding of this scanner about an account.
    /// </summary>
    public static PreviousScanHealth? FromFinding(AsffFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var prefix = ResourceTypes.AccountResourceId("");
        var subject = finding.Resources?.FirstOrDefault()?.Id;
        if (finding.GeneratorId != CheckId || subject is null || !subject.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var accountId = subject[prefix.Length..];
        if (string.Equals(finding.RecordState, "ARCHIVED", StringComparison.Ordinal))
        {
            return PreviousScanHealth.Clean(accountId);
        }

        var verdict = finding.ProductFields?.GetValueOrDefault(ScannerProduct.Fields.Status);
        return new PreviousScanHealth
        {
            AccountId = accountId,
            State = verdict == "ERROR" ? ScanState.NotScanned : ScanState.PartiallyScanned,
            Digest = Digest(finding),
            CreatedAt = finding.CreatedAt,
            FirstObservedAt = finding.FirstObservedAt,
            UpdatedAt = finding.UpdatedAt,
        };
    }

    /// <summary>
    /// What to import for an account's health, or null when Security Hub already says it: the same state with the same
    /// words, refreshed within <see cref="RefreshInterval"/>, or Scanned with nothing active to resolve. With no
    /// previous state known (a job from before the dispatcher carried one), the finding is imported as it is: a PASSED
    /// one then resolves whatever may be active, without a read.
    /// </summary>
    public static AsffFinding? Plan(AsffMapper mapper, CheckResult health, PreviousScanHealth? previous, string region, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(health);
        var fresh = mapper.Map(health, region, now);
        if (previous is null)
        {
            return fresh;
        }

        var state = StateOf(health);
        if (previous.State == ScanState.Scanned)
        {
            return state == ScanState.Scanned ? null : fresh;
        }

        var stale = AsffFormat.ParseTimestamp(previous.UpdatedAt) is not { } updated || now - updated >= RefreshInterval;
        if (state == previous.State && string.Equals(Digest(fresh), previous.Digest, StringComparison.Ordinal) && !stale)
        {
            return null;
        }

        // The active finding's history is kept: when it was first raised, and an update strictly later than the stored one.
        var created = AsffFormat.ParseTimestamp(previous.CreatedAt) ?? now;
        var firstObserved = AsffFormat.ParseTimestamp(previous.FirstObservedAt) ?? created;
        var fields = new Dictionary<string, string>(fresh.ProductFields ?? [], StringComparer.Ordinal);
        if (state == ScanState.Scanned)
        {
            fields[ScannerProduct.Fields.Resolution] = "passed";
        }

        return fresh with
        {
            CreatedAt = AsffFormat.Timestamp(created),
            FirstObservedAt = AsffFormat.Timestamp(firstObserved),
            UpdatedAt = AsffFormat.Timestamp(FindingReconciler.UpdatedAfter(now, previous.UpdatedAt)),
            LastObservedAt = AsffFormat.Timestamp(now < firstObserved ? firstObserved : now),
            ProductFields = fields,
        };
    }

    /// <summary>A short digest of what a health finding says (verdict, title, description): equal digests, nothing to write.</summary>
    public static string Digest(AsffFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var text = $"{finding.ProductFields?.GetValueOrDefault(ScannerProduct.Fields.Status)}\n{finding.Title}\n{finding.Description}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
