using System.Diagnostics;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

namespace Scanner.Aws.Scanning;

/// <summary>
/// Scans one account end to end: assume the audit role, collect, evaluate. An account that cannot be
/// scanned gives an ERROR result naming it and the reason, reported in the scanner's own account; it is
/// never skipped silently and never stops the other accounts.
/// </summary>
public sealed class AccountScanner(AccountSessionFactory sessions, AccountCollector collector, ScanPolicy policy, string scannerAccountId)
{
    public async Task<AccountScanResult> ScanAsync(OrganizationAccount account, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (account.Status != "ACTIVE")
        {
            return NotScanned(account, $"the account is {account.Status} in AWS Organizations, so it cannot be scanned", "AccountNotActive", clock.Elapsed);
        }

        AccountSession session;
        try
        {
            session = await sessions.ForAccountAsync(account.Id, cancellationToken);
        }
        catch (AwsServiceException e)
        {
            // STS answers AccessDenied alike for a missing or untrusting role and for an account closed or suspended since it was listed.
            var why = e.Kind == AwsErrorKind.AccessDenied
                ? $"the audit role {sessions.RoleArn(account.Id)} could not be assumed (it is missing or does not trust the scanner's role, or the account was closed or suspended)"
                : $"assuming the audit role {sessions.RoleArn(account.Id)} failed: {e.ErrorMessage}";
            return NotScanned(account, why, e.ErrorCode, clock.Elapsed);
        }

        var inventory = await collector.CollectAsync(session, account, cancellationToken, policy.For(account));
        var evaluation = Evaluator.Run(inventory, policy);
        return new AccountScanResult
        {
            Account = account,
            Inventory = inventory,

            // A check whose data could not be read in a region would judge a partial picture there (a function whose
            // tags could not be read is not "missing tags"): such results are withheld, and their findings left alone.
            Results = [.. evaluation.Results.Where(r => evaluation.CanResolve(r.CheckId, r.Region))],
            ChecksRun = evaluation.CheckIdsRun.ToHashSet(StringComparer.Ordinal),
            Evaluation = evaluation,
            Duration = clock.Elapsed,
        };
    }

    /// <summary>The scanner's own account, where scan-health findings are stored.</summary>
    public string ScannerAccountId => scannerAccountId;

    /// <summary>The scanner's home Region, where findings are imported.</summary>
    public string Region => sessions.Environment.Region;

    /// <summary>Lets go of the account's session (see <see cref="AccountSessionFactory.Release"/>) once its scan and publish are done.</summary>
    public void Release(OrganizationAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        sessions.Release(account.Id);
    }

    private AccountScanResult NotScanned(OrganizationAccount account, string reason, string code, TimeSpan elapsed) => new()
    {
        Account = account,
        Results = [ScanHealth.AccountNotScanned(account.Id, account.Name, reason, code, scannerAccountId, sessions.Environment.Region)],
        ChecksRun = new HashSet<string>(StringComparer.Ordinal) { ScanHealth.AccountNotScannedDefinition.Id },
        Error = reason,
        Duration = elapsed,
    };
}
