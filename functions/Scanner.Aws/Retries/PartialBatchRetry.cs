namespace Scanner.Aws.Retries;

/// <summary>What one entry of a batch call came back with when it was refused.</summary>
/// <param name="Id">The entry's id in the batch.</param>
/// <param name="Code">The service's error code for the entry.</param>
/// <param name="Message">The service's message.</param>
/// <param name="Transient">Whether sending the entry again may succeed (throttling, a service fault), as the caller's service defines it.</param>
public sealed record EntryFailure(string Id, string Code, string Message, bool Transient);

/// <summary>
/// The one rule for batch calls whose entries can fail one by one (SQS SendMessageBatch, Security Hub
/// BatchImportFindings): the call succeeds as a whole while some entries are refused. Entries refused for a transient
/// reason are sent again, only they, after a backoff, until they pass or attempts run out; entries refused for good
/// are given back at once. Errors of the call itself are the sender's to handle (they are retried where the call is made).
/// </summary>
public sealed class PartialBatchRetry(int maxAttempts, Backoff backoff, TimeProvider time)
{
    /// <summary>
    /// Sends <paramref name="batch"/> and resends its transiently refused entries. Returns the entries that did not make
    /// it: refused for good, or still refused after the last attempt (their message says how many were made).
    /// </summary>
    /// <param name="batch">The entries.</param>
    /// <param name="idOf">An entry's id, as the service names it in its failures.</param>
    /// <param name="send">One call with these entries; returns the entries it refused.</param>
    /// <param name="cancellationToken">Cancels the waits and the calls.</param>
    public async Task<IReadOnlyList<EntryFailure>> SendAsync<T>(
        IReadOnlyList<T> batch, Func<T, string> idOf, Func<IReadOnlyList<T>, Task<IReadOnlyList<EntryFailure>>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(idOf);
        ArgumentNullException.ThrowIfNull(send);
        var given = new List<EntryFailure>();
        var pending = batch;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var sent = pending.Select(idOf).ToHashSet(StringComparer.Ordinal);
            var again = new HashSet<string>(StringComparer.Ordinal);
            foreach (var failure in await send(pending))
            {
                if (failure.Transient && sent.Contains(failure.Id) && attempt < maxAttempts)
                {
                    again.Add(failure.Id);
                }
                else
                {
                    given.Add(failure.Transient ? failure with { Message = $"{failure.Message} (still failing after {attempt} attempts)" } : failure);
                }
            }

            pending = [.. pending.Where(entry => again.Contains(idOf(entry)))];
            if (pending.Count > 0)
            {
                await Task.Delay(backoff.Before(attempt + 1), time, cancellationToken);
            }
        }

        return given;
    }
}
