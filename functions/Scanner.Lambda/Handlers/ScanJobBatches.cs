using System.Text;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// Groups scan job bodies for SendMessageBatch: at most 10 messages, and at most 256 KB in all, since SQS limits the
/// batch's total payload as well as each message. Jobs that carry an account's SCPs are large; ten of them may not fit.
/// </summary>
public static class ScanJobBatches
{
    public const int MaxMessages = 10;
    public const int MaxBatchBytes = 262_144;

    public static IEnumerable<IReadOnlyList<string>> Of(IEnumerable<string> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var batch = new List<string>();
        var bytes = 0;
        foreach (var body in bodies)
        {
            var size = Encoding.UTF8.GetByteCount(body);
            if (batch.Count > 0 && (batch.Count == MaxMessages || bytes + size > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(body);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
