using Amazon.SQS;
using Amazon.SQS.Model;
using NSubstitute;
using Scanner.Aws.Errors;
using Scanner.Functions.Tests.Events;
using Scanner.Lambda.Handlers;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// SendMessageBatch succeeds as a call while refusing entries one by one: the dispatcher sends again only what SQS
/// refused for its own reasons, and fails the invocation (so the schedule's retry sends everything) when a job cannot
/// be enqueued. Shapes from botocore's sqs model: BatchResultErrorEntry has Id, SenderFault, Code, Message.
/// </summary>
public sealed class DispatchPartialFailureTests
{
    private readonly IAmazonSQS _sqs = Substitute.For<IAmazonSQS>();
    private readonly List<string[]> _sent = [];

    [Fact]
    public async Task Entries_SQS_refuses_for_its_own_reasons_are_sent_again_and_only_they()
    {
        Answer(attempt => attempt == 1 ? [Refused("1", senderFault: false), Refused("3", senderFault: false)] : []);

        await Handler(accounts: 4).HandleAsync(FunctionHarness.Context(TimeSpan.FromMinutes(5)), System.Text.Encoding.UTF8.GetBytes(SampleEvents.Scheduled), default);

        _sent.Select(ids => string.Join(",", ids)).Should().Equal("0,1,2,3", "1,3");
    }

    [Fact]
    public async Task An_entry_refused_as_the_senders_fault_fails_the_invocation_naming_it_without_resending()
    {
        Answer(_ => [Refused("2", senderFault: true)]);

        var dispatch = () => Handler(accounts: 4).HandleAsync(FunctionHarness.Context(TimeSpan.FromMinutes(5)), System.Text.Encoding.UTF8.GetBytes(SampleEvents.Scheduled), default);

        (await dispatch.Should().ThrowAsync<AwsServiceException>()).Which.Message.Should().Contain("1 scan job(s) could not be enqueued").And.Contain("too big");
        _sent.Should().ContainSingle();
    }

    private static BatchResultErrorEntry Refused(string id, bool senderFault) =>
        new() { Id = id, SenderFault = senderFault, Code = senderFault ? "InvalidParameterValue" : "InternalError", Message = senderFault ? "message too big" : "try again" };

    private void Answer(Func<int, List<BatchResultErrorEntry>> refusedOnAttempt) =>
        _sqs.SendMessageBatchAsync(Arg.Any<SendMessageBatchRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var request = call.Arg<SendMessageBatchRequest>();
            _sent.Add([.. request.Entries.Select(e => e.Id)]);
            var refused = refusedOnAttempt(_sent.Count).Where(r => request.Entries.Any(e => e.Id == r.Id)).ToList();
            return new SendMessageBatchResponse { Failed = refused, Successful = [] };
        });

    private DispatchHandler Handler(int accounts) =>
        new(SnapshotRead.Of(SnapshotRead.Organization(accounts)), _sqs, new Uri("https://sqs.us-east-1.amazonaws.com/111111111111/scan-jobs"),
            new CapturedLog().Log, TimeProvider.System);
}
