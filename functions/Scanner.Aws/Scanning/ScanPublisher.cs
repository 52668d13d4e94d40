using Scanner.Aws.Errors;
using Scanner.Aws.Publishing;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Scanning;

/// <summary>
/// Publishes scans the same way from the CLI and from Lambda: each account's findings into that account's
/// Security Hub through its audit role, and the scan's health (which accounts could not be scanned or published)
/// into the scanner's own account.
/// </summary>
public sealed class ScanPublisher(AccountSessionFactory sessions, SecurityHubPublisher publisher, string scannerAccountId)
{
    private string Region => sessions.Environment.Region;

    /// <summary>
    /// Publishes one account's findings. If Security Hub refuses them (not enabled, access denied), the account gets
    /// an ERROR result saying so, to be published with the scan's health; the other accounts go on.
    /// </summary>
    public async Task<AccountScanResult> PublishAccountAsync(AccountScanResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Error is not null)
        {
            return result;
        }

        PublishOutcome outcome;
        try
        {
            var session = await sessions.ForAccountAsync(result.Account.Id, cancellationToken);
            outcome = await publisher.PublishAsync(session, result.Account.Id, Region, result.Results, result.ChecksRun, result.Gaps, cancellationToken, result.Trigger);
        }
        catch (AwsServiceException e)
        {
            outcome = new PublishOutcome { AccountId = result.Account.Id, Region = Region, Error = e.Message, ErrorCode = e.ErrorCode };
        }

        if (outcome.Error is null)
        {
            return result with { Publish = outcome };
        }

        var reason = $"its findings could not be published to Security Hub in {Region}: {outcome.Error}";
        return result with
        {
            Publish = outcome,
            Error = reason,
            Results = [.. result.Results, ScanHealth.AccountNotScanned(result.Account.Id, result.Account.Name, reason, outcome.ErrorCode ?? "PublishFailed", scannerAccountId, Region)],
        };
    }

    /// <summary>
    /// One health result per account: ERROR for an account that could not be scanned or published, PASSED (which
    /// resolves an earlier ERROR finding) for one that was. Published in one go into the scanner's own account.
    /// </summary>
    public Task<PublishOutcome> PublishHealthAsync(IEnumerable<AccountScanResult> results, CancellationToken cancellationToken)
    {
        var health = results.Select(r =>
            r.Results.FirstOrDefault(x => x.CheckId == ScanHealth.AccountNotScannedDefinition.Id && x.Status == CheckStatus.Error)
            ?? AccountScanHealth.Scanned(r.Account.Id, r.Account.Name, scannerAccountId, Region)).ToList();
        return publisher.PublishScanHealthAsync(sessions.Own(scannerAccountId), Region, health, cancellationToken);
    }
}
