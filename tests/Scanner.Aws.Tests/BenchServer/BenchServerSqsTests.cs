using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Aws.Sessions;

namespace Scanner.Aws.Tests.BenchServer;

/// <summary>
/// The bench server speaks SQS's awsJson1_0 the way AWSSDK.SQS 4 sends and checks it (X-Amz-Target, botocore's
/// shapes, MD5 of each body): what the dispatcher sends with SendMessageBatch is received, and what the event source
/// mapping deletes or makes visible again behaves as on the queue itself.
/// </summary>
[Collection(BenchServerCollection.Name)]
public sealed class BenchServerSqsTests(BenchServerFixture bench)
{
    [Fact]
    public async Task Messages_sent_in_a_batch_are_received_deleted_and_made_visible_again_over_the_wire()
    {
        var environment = bench.Environment;
        using var sqs = new AmazonSQSClient(environment.Credentials, OfficialClients.Configure(new AmazonSQSConfig(), environment.Region, environment.EndpointUrl));
        var queueUrl = $"{environment.EndpointUrl}/{bench.Organization.Management.Id}/sqs-wire-test";

        var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl,
            [new SendMessageBatchRequestEntry("0", "{\"accountId\":\"111111111111\"}"), new SendMessageBatchRequestEntry("1", "{\"accountId\":\"222222222222\"}")]));
        sent.Successful.Select(s => s.Id).Should().BeEquivalentTo("0", "1");
        (sent.Failed ?? []).Should().BeEmpty();

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, VisibilityTimeout = 600, MessageSystemAttributeNames = ["All"] });
        received.Messages.Should().HaveCount(2);
        received.Messages.Should().OnlyContain(m => m.Attributes["ApproximateReceiveCount"] == "1");

        var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(queueUrl, [new DeleteMessageBatchRequestEntry("a", received.Messages[0].ReceiptHandle)]));
        deleted.Successful.Should().ContainSingle().Which.Id.Should().Be("a");
        await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(queueUrl, received.Messages[1].ReceiptHandle, 0));

        var again = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, VisibilityTimeout = 600, MessageSystemAttributeNames = ["All"] });
        var redelivered = again.Messages.Should().ContainSingle().Subject;
        redelivered.Body.Should().Be(received.Messages[1].Body);
        redelivered.Attributes["ApproximateReceiveCount"].Should().Be("2");
    }
}
