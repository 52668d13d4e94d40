using Scanner.Aws.Errors;
using Scanner.Aws.Publishing;
using Scanner.Aws.Sessions;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Scanning;

/// <summary>
/// Publishes one account's scan, for the pipeline: its findings into that account's Security Hub through its audit
/// role, and its scan health into the scanner's own account when that changed.
/// </summary>
public sealed class ScanPublisher(AccountSessionFactory sessions, SecurityHubPublisher publisher, string scannerAccountId)
{
    private string Region => sessions.Environment.Region;

    /// <summary>
    /// Publishes one account's findings. If Security Hub refuses them (not enabled, access denied), the account gets
    /// an ERROR result saying so, which becomes its health; the other accounts go on.
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
    /// Imports the account's health into the scanner's own account if it differs from <paramref name="previous"/>
    /// (null: not known, imported as it is). No read: the previous state was read once for the whole run.
    /// </summary>
    public async Task<PublishOutcome> PublishHealthAsync(CheckResult health, PreviousScanHealth? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        try
        {
            return await publisher.ImportScanHealthAsync(sessions.Own(scannerAccountId), Region, health, previous, cancellationToken);
        }
        catch (AwsServiceException e)
        {
            return new PublishOutcome { AccountId = scannerAccountId, Region = Region, Error = e.Message, ErrorCode = e.ErrorCode };
        }
    }

    /// <summary>The previous health of every account, read once per run from the scanner's own account.</summary>
    public Task<ScanHealthHistory> ReadHealthAsync(CancellationToken cancellationToken) =>
        publisher.ReadScanHealthAsync(sessions.Own(scannerAccountId), Region, cancellationToken);

    public string ScannerAccountId => scannerAccountId;
}
