using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Retries;
using Scanner.Aws.Services;

namespace Scanner.Aws.Publishing;

/// <summary>
/// Imports planned findings into one account's Security Hub: in batches of at most 100 findings and
/// <see cref="PublisherOptions.MaxRequestBytes"/>, each call through <see cref="SecurityHubCalls"/>, findings refused for
/// a transient reason imported again (<see cref="PartialBatchRetry"/>). What does not make it is returned, never dropped.
/// </summary>
internal sealed class FindingImporter(SecurityHubCalls calls, PublisherOptions options)
{
    private readonly PartialBatchRetry _partialBatches = new(options.MaxAttempts, calls.Backoff, options.Time);

    /// <summary>
    /// Imports the planned findings in batches (at most 100 findings, and <see cref="PublisherOptions.MaxRequestBytes"/>).
    /// Returns every finding that did not make it, with its error code; stops early (and lists the rest as failed)
    /// only when the account refuses Security Hub altogether.
    /// </summary>
    public async Task<(List<FailedFinding> Failed, (string Code, string Message)? Error)> ImportAsync(
        ProtocolClient client, string accountId, string region, IReadOnlyList<PlannedImport> imports, CancellationToken cancellationToken)
    {
        var failed = new List<FailedFinding>();
        var sized = new List<(AsffFinding Finding, int Bytes)>();
        foreach (var import in imports)
        {
            var bytes = AsffMapper.SizeOf(import.Finding);
            if (bytes >= AsffFormat.FindingBytes)
            {
                failed.Add(new FailedFinding(import.Finding.Id, "FindingTooLarge",
                    $"The finding is {bytes} bytes; Security Hub takes at most 240 KB a finding."));
            }
            else
            {
                sized.Add((import.Finding, bytes));
            }
        }

        var batches = ImportBatches.Split(sized, AsffFormat.FindingsPerBatch, options.MaxRequestBytes);
        for (var i = 0; i < batches.Count; i++)
        {
            try
            {
                failed.AddRange(await ImportBatchAsync(client, batches[i], cancellationToken));
            }
            catch (AwsServiceException e) when (e.Kind is AwsErrorKind.NotEnabled or AwsErrorKind.AccessDenied)
            {
                failed.AddRange(batches.Skip(i).SelectMany(b => b).Select(f => new FailedFinding(f.Id, e.ErrorCode, e.ErrorMessage)));
                return (failed, (e.ErrorCode, SecurityHubPublisher.Explain(e, accountId, region)));
            }
        }

        return (failed, null);
    }

    /// <summary>
    /// One batch; findings refused for a transient reason are imported again (<see cref="PartialBatchRetry"/>). A failed
    /// call, after its own retries, fails the findings it carried; refusing Security Hub altogether stops the account.
    /// </summary>
    private async Task<IEnumerable<FailedFinding>> ImportBatchAsync(ProtocolClient client, IReadOnlyList<AsffFinding> batch, CancellationToken cancellationToken)
    {
        var failures = await _partialBatches.SendAsync(batch, f => f.Id, async pending =>
        {
            BatchImportFindingsResponse response;
            try
            {
                var request = new BatchImportFindingsRequest([.. pending]);
                response = await calls.SendAsync(options.RateLimits.Import, SecurityHubApi.BatchImportFindings.Name, () => client.SendAsync(SecurityHubApi.BatchImportFindings, request, cancellationToken), cancellationToken);
            }
            catch (AwsServiceException e) when (e.Kind is not (AwsErrorKind.NotEnabled or AwsErrorKind.AccessDenied))
            {
                return [.. pending.Select(f => new EntryFailure(f.Id, e.ErrorCode, e.ErrorMessage, Transient: false))];
            }

            var listed = response.FailedFindings ?? [];
            var refused = listed.Select(f => string.IsNullOrWhiteSpace(f.ErrorCode) ? f with { ErrorCode = "Unknown" } : f)
                .Select(f => new EntryFailure(f.Id, f.ErrorCode!, f.ErrorMessage ?? "", ImportFailures.IsTransient(f.ErrorCode!)))
                .ToList();
            if (response.FailedCount > listed.Count)
            {
                refused.Add(new EntryFailure("*", "UnlistedFailures", $"Security Hub counted {response.FailedCount} failed findings in a batch but listed {listed.Count}.", Transient: false));
            }

            return refused;
        }, cancellationToken);
        return failures.Select(f => new FailedFinding(f.Id, f.Code, f.Message));
    }
}
