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
        var builder = new Builder();
        foreach (var body in bodies)
        {
            foreach (var batch in builder.Add(body))
            {
                yield return batch;
            }
        }

        if (builder.Flush() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>Batches built as bodies arrive, each handed back as soon as it is full: for jobs made while the organization is still being read.</summary>
    public sealed class Builder
    {
        private List<string> _batch = [];
        private int _bytes;

        /// <returns>The batches this body closed: the one it did not fit into, and its own if that is now full.</returns>
        public IReadOnlyList<IReadOnlyList<string>> Add(string body)
        {
            ArgumentNullException.ThrowIfNull(body);
            var closed = new List<IReadOnlyList<string>>();
            var size = Encoding.UTF8.GetByteCount(body);
            if (_batch.Count > 0 && _bytes + size > MaxBatchBytes)
            {
                closed.Add(Take());
            }

            _batch.Add(body);
            _bytes += size;
            if (_batch.Count == MaxMessages)
            {
                closed.Add(Take());
            }

            return closed;
        }

        /// <returns>The batch still open, if any.</returns>
        public IReadOnlyList<string>? Flush() => _batch.Count > 0 ? Take() : null;

        private List<string> Take()
        {
            var batch = _batch;
            _batch = [];
            _bytes = 0;
            return batch;
        }
    }
}
