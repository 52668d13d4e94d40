using Amazon.SQS;
using Amazon.SQS.Model;
using NSubstitute;
using Scanner.Functions.Tests.Events;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// The dispatcher puts an account's job on the queue as soon as the organization read hands the account over, not
/// after the whole organization is read: at 5,000 accounts the read takes minutes (two Organizations calls per account),
/// and the scanners can work through it meanwhile.
/// </summary>
public sealed class DispatchWhileReadingTests
{
    private readonly IAmazonSQS _sqs = Substitute.For<IAmazonSQS>();
    private readonly List<string> _events = [];

    [Fact]
    public async Task Each_full_batch_of_jobs_is_sent_while_the_rest_of_the_organization_is_still_being_read()
    {
        _sqs.SendMessageBatchAsync(Arg.Any<SendMessageBatchRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            Seen($"send {call.Arg<SendMessageBatchRequest>().Entries.Count}");
            return new SendMessageBatchResponse { Successful = [], Failed = [] };
        });

        await Handler(accounts: 25).HandleAsync(FunctionHarness.Context(TimeSpan.FromMinutes(5)), System.Text.Encoding.UTF8.GetBytes(SampleEvents.Scheduled), default);

        _events.Should().Equal(
            [.. Enumerable.Repeat("read", 10), "send 10", .. Enumerable.Repeat("read", 10), "send 10", .. Enumerable.Repeat("read", 5), "read done", "send 5"]);
    }

    private DispatchHandler Handler(int accounts) =>
        new(SnapshotRead.Of(SnapshotRead.Organization(accounts), Seen), _sqs, new Uri("https://sqs.us-east-1.amazonaws.com/111111111111/scan-jobs"),
            new CapturedLog().Log, TimeProvider.System);

    private void Seen(string step)
    {
        lock (_events)
        {
            _events.Add(step);
        }
    }
}
