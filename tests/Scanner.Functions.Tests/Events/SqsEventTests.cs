using System.Text.Json;
using Scanner.Lambda.Events;

namespace Scanner.Functions.Tests.Events;

public sealed class SqsEventTests
{
    [Fact]
    public void An_SQS_batch_is_read_with_its_attributes()
    {
        var batch = JsonSerializer.Deserialize(SampleEvents.SqsBatch, LambdaJsonContext.Default.SqsEvent)!;

        batch.Records.Should().HaveCount(2);
        var first = batch.Records[0];
        first.MessageId.Should().Be("059f36b4-87a3-44ab-83d2-661975830a7d");
        first.ReceiptHandle.Should().StartWith("AQEB");
        first.ApproximateReceiveCount.Should().Be(2);
        first.Attributes["SenderId"].Should().Be("AIDAIENQZJOLO23YVJ4VO");
        first.MessageAttributes["reason"].StringValue.Should().Be("scheduled");
        first.EventSourceArn.Should().EndWith(":org-compliance-scanner-ScanQueue-abc");
        first.AwsRegion.Should().Be("us-east-1");
        ScanJob.TryParse(first.Body, out var job, out _).Should().BeTrue();
        job!.AccountId.Should().Be("123456789012");
        ScanJob.TryParse(batch.Records[1].Body, out _, out var error).Should().BeFalse();
        error.Should().StartWith("body: ");
    }

    [Fact]
    public void The_batch_response_lists_failed_message_ids_as_Lambda_expects()
    {
        var response = SqsBatchResponse.FromFailedMessageIds(["m-1", "m-2"]);

        JsonSerializer.Serialize(response, LambdaJsonContext.Default.SqsBatchResponse)
            .Should().Be("""{"batchItemFailures":[{"itemIdentifier":"m-1"},{"itemIdentifier":"m-2"}]}""");
        JsonSerializer.Serialize(SqsBatchResponse.Success, LambdaJsonContext.Default.SqsBatchResponse)
            .Should().Be("""{"batchItemFailures":[]}""");
    }

    [Fact]
    public void A_missing_receive_count_reads_as_zero()
    {
        new SqsMessage().ApproximateReceiveCount.Should().Be(0);
    }
}
