namespace Scanner.Bench.Server.Queues;

/// <summary>One message as ReceiveMessage hands it out: a fresh receipt handle for each receive.</summary>
public sealed record ReceivedMessage(string MessageId, string ReceiptHandle, string Body, int ReceiveCount, DateTimeOffset SentAt, DateTimeOffset FirstReceivedAt);

/// <summary>What a queue holds and has done since it was made.</summary>
public sealed record QueueCounts
{
    public int Visible { get; init; }
    public int InFlight { get; init; }
    public int DeadLettered { get; init; }
    public long Sent { get; init; }
    public long Deleted { get; init; }

    /// <summary>Messages handed out, counting every redelivery.</summary>
    public long Received { get; init; }

    /// <summary>Receives of a message that had been received before (visibility expired or made visible again).</summary>
    public long Redelivered { get; init; }
}

/// <summary>
/// A standard SQS queue with a redrive policy, on a <see cref="TimeProvider"/> so that tests move the clock instead of
/// sleeping. A received message is invisible for its visibility timeout; it comes back when the timeout passes or when
/// its visibility is set to 0, and is gone only when deleted with its latest receipt handle. A message received
/// <see cref="MaxReceiveCount"/> times that comes due once more goes to the dead-letter queue instead (SQS's
/// maxReceiveCount), so a job that fails three times is not tried a fourth.
/// </summary>
public sealed class MessageQueue(string name, TimeProvider time, int maxReceiveCount = 3, TimeSpan? defaultVisibility = null)
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _messages = [];
    private readonly List<Entry> _deadLetters = [];
    private long _sent;
    private long _deleted;
    private long _received;
    private long _redelivered;

    public string Name { get; } = name;

    public int MaxReceiveCount { get; } = maxReceiveCount;

    /// <summary>The queue's VisibilityTimeout attribute (30 s, SQS's default), used when a receive names none.</summary>
    public TimeSpan DefaultVisibility { get; } = defaultVisibility ?? TimeSpan.FromSeconds(30);

    private sealed class Entry(string id, string body, DateTimeOffset sentAt)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public DateTimeOffset SentAt { get; } = sentAt;
        public DateTimeOffset VisibleAt { get; set; } = sentAt;
        public DateTimeOffset FirstReceivedAt { get; set; }
        public int ReceiveCount { get; set; }
        public string? ReceiptHandle { get; set; }
    }

    public string Send(string body)
    {
        var entry = new Entry(Guid.NewGuid().ToString(), body, time.GetUtcNow());
        lock (_gate)
        {
            _messages.Add(entry);
            _sent++;
        }

        return entry.Id;
    }

    /// <summary>Up to <paramref name="max"/> visible messages, oldest first, each hidden for the visibility timeout.</summary>
    public IReadOnlyList<ReceivedMessage> Receive(int max, TimeSpan? visibility = null)
    {
        var now = time.GetUtcNow();
        var hidden = visibility ?? DefaultVisibility;
        var received = new List<ReceivedMessage>();
        lock (_gate)
        {
            for (var i = 0; i < _messages.Count && received.Count < max; i++)
            {
                var entry = _messages[i];
                if (entry.VisibleAt > now)
                {
                    continue;
                }

                if (entry.ReceiveCount >= MaxReceiveCount)
                {
                    _messages.RemoveAt(i--);
                    entry.ReceiptHandle = null;
                    _deadLetters.Add(entry);
                    continue;
                }

                if (entry.ReceiveCount == 0)
                {
                    entry.FirstReceivedAt = now;
                }
                else
                {
                    _redelivered++;
                }

                entry.ReceiveCount++;
                entry.VisibleAt = now + hidden;
                entry.ReceiptHandle = entry.Id + ":" + Guid.NewGuid().ToString("N");
                _received++;
                received.Add(new ReceivedMessage(entry.Id, entry.ReceiptHandle, entry.Body, entry.ReceiveCount, entry.SentAt, entry.FirstReceivedAt));
            }
        }

        return received;
    }

    /// <summary>Deletes the message this receipt handle was last handed out with; false for a stale or unknown handle.</summary>
    public bool Delete(string receiptHandle)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(e => e.ReceiptHandle == receiptHandle);
            if (index < 0)
            {
                return false;
            }

            _messages.RemoveAt(index);
            _deleted++;
            return true;
        }
    }

    /// <summary>Hides the message for <paramref name="visibility"/> from now (0: visible at once); false for a stale handle.</summary>
    public bool ChangeVisibility(string receiptHandle, TimeSpan visibility)
    {
        lock (_gate)
        {
            var entry = _messages.Find(e => e.ReceiptHandle == receiptHandle);
            if (entry is null)
            {
                return false;
            }

            entry.VisibleAt = time.GetUtcNow() + visibility;
            return true;
        }
    }

    /// <summary>The bodies in the dead-letter queue.</summary>
    public IReadOnlyList<string> DeadLetters()
    {
        lock (_gate)
        {
            return [.. _deadLetters.Select(e => e.Body)];
        }
    }

    public QueueCounts Counts()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var visible = _messages.Count(e => e.VisibleAt <= now);
            return new QueueCounts
            {
                Visible = visible,
                InFlight = _messages.Count - visible,
                DeadLettered = _deadLetters.Count,
                Sent = _sent,
                Deleted = _deleted,
                Received = _received,
                Redelivered = _redelivered,
            };
        }
    }
}
