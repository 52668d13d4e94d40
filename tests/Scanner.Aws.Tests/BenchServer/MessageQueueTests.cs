using Scanner.Bench.Server.Queues;

namespace Scanner.Aws.Tests.BenchServer;

/// <summary>
/// The bench server's scan queue keeps Lambda's SQS contract, on a clock the test moves: a received message is hidden
/// for its visibility timeout and comes back after it (or at once when made visible again, as a batch item failure
/// is), only its latest receipt handle deletes it, and after three receives it goes to the dead-letter queue.
/// </summary>
public sealed class MessageQueueTests
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(60);

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));

    private MessageQueue Queue() => new("scan-queue", _time, maxReceiveCount: 3);

    [Fact]
    public void A_received_message_is_hidden_until_its_visibility_timeout_passes_then_delivered_again()
    {
        var queue = Queue();
        queue.Send("account 1");

        var first = queue.Receive(10, Visibility).Should().ContainSingle().Subject;
        queue.Receive(10, Visibility).Should().BeEmpty();
        _time.Advance(Visibility - TimeSpan.FromSeconds(1));
        queue.Receive(10, Visibility).Should().BeEmpty();
        _time.Advance(TimeSpan.FromSeconds(1));

        var again = queue.Receive(10, Visibility).Should().ContainSingle().Subject;
        again.MessageId.Should().Be(first.MessageId);
        again.ReceiveCount.Should().Be(2);
        again.ReceiptHandle.Should().NotBe(first.ReceiptHandle);
        queue.Counts().Redelivered.Should().Be(1);
    }

    [Fact]
    public void Only_the_latest_receipt_handle_deletes_the_message()
    {
        var queue = Queue();
        queue.Send("account 1");
        var stale = queue.Receive(10, Visibility)[0];
        _time.Advance(Visibility);
        var latest = queue.Receive(10, Visibility)[0];

        queue.Delete(stale.ReceiptHandle).Should().BeFalse();
        queue.Delete(latest.ReceiptHandle).Should().BeTrue();
        _time.Advance(Visibility);
        queue.Receive(10, Visibility).Should().BeEmpty();
        queue.Counts().Should().BeEquivalentTo(new QueueCounts { Visible = 0, InFlight = 0, DeadLettered = 0, Sent = 1, Deleted = 1, Received = 2, Redelivered = 1 });
    }

    [Fact]
    public void A_batch_item_failure_made_visible_again_is_redelivered_at_once_and_the_rest_of_the_batch_stays_hidden()
    {
        var queue = Queue();
        for (var i = 0; i < 3; i++)
        {
            queue.Send($"account {i}");
        }

        var batch = queue.Receive(10, Visibility);
        batch.Should().HaveCount(3);
        queue.ChangeVisibility(batch[1].ReceiptHandle, TimeSpan.Zero).Should().BeTrue();

        var redelivered = queue.Receive(10, Visibility).Should().ContainSingle().Subject;
        redelivered.Body.Should().Be("account 1");
        redelivered.ReceiveCount.Should().Be(2);
    }

    [Fact]
    public void A_message_received_three_times_goes_to_the_dead_letter_queue_instead_of_a_fourth_delivery()
    {
        var queue = Queue();
        queue.Send("account that always fails");
        for (var receive = 1; receive <= 3; receive++)
        {
            queue.Receive(10, Visibility).Should().ContainSingle().Which.ReceiveCount.Should().Be(receive);
            _time.Advance(Visibility);
        }

        queue.Receive(10, Visibility).Should().BeEmpty();
        queue.DeadLetters().Should().Equal("account that always fails");
        queue.Counts().Should().BeEquivalentTo(new QueueCounts { Visible = 0, InFlight = 0, DeadLettered = 1, Sent = 1, Deleted = 0, Received = 3, Redelivered = 2 });
    }

    [Fact]
    public void A_receive_hands_out_at_most_the_batch_size_oldest_first()
    {
        var queue = Queue();
        for (var i = 0; i < 25; i++)
        {
            queue.Send($"account {i:00}");
        }

        queue.Receive(10, Visibility).Select(m => m.Body).Should().Equal(Enumerable.Range(0, 10).Select(i => $"account {i:00}"));
        queue.Receive(10, Visibility).Should().HaveCount(10);
        queue.Receive(10, Visibility).Should().HaveCount(5);
        queue.Counts().InFlight.Should().Be(25);
    }
}
