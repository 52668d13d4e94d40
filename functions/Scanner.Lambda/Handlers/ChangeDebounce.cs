using Amazon.SQS.Model;
using Scanner.Lambda.Events;

namespace Scanner.Lambda.Handlers;

/// <summary>
/// How a burst of changes in one account becomes one rescan: the change queue is SQS FIFO, and every change of an
/// account is sent with the account id as its MessageDeduplicationId (and MessageGroupId). SQS accepts a message
/// whose deduplication id it has seen in the last 5 minutes but never delivers it, so the first change of an
/// account opens a 5-minute window and the rest of the burst (a Terraform apply creating 40 resources) joins it.
/// The queue's DelaySeconds (template.yaml, the same 5 minutes) holds that first change back until its window has
/// closed: the rescan starts after every change it absorbed was made, so no change is left for the next schedule.
/// A change after the window opens a new one. At most one rescan per account per 5 minutes, whatever the flood.
/// </summary>
/// <remarks>
/// Content-based deduplication would not do: every CloudTrail event differs (eventID, eventTime). A per-message
/// DelaySeconds would not either: FIFO queues take only the queue's. The group id is the account, so accounts do
/// not wait on one another (and high-throughput FIFO partitions by it).
/// </remarks>
public static class ChangeDebounce
{
    /// <summary>SQS's deduplication interval, which is also the change queue's DelaySeconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static SendMessageRequest Message(Uri changeQueueUrl, AccountChange change)
    {
        ArgumentNullException.ThrowIfNull(changeQueueUrl);
        ArgumentNullException.ThrowIfNull(change);
        return new SendMessageRequest(changeQueueUrl.ToString(), change.ToJson())
        {
            MessageGroupId = change.AccountId,
            MessageDeduplicationId = change.AccountId,
        };
    }
}
