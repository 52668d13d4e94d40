using System.Text;
using System.Text.Json;
using Scanner.Lambda.Events;
using Scanner.Lambda.Runtime;

namespace Scanner.Functions.Tests.Runtime;

public sealed class LambdaHandlersTests
{
    private static readonly InvocationContext Context = new("r-1", DateTimeOffset.UtcNow.AddMinutes(1), "arn:aws:lambda:us-east-1:123456789012:function:f", null);

    private static readonly LambdaHandler Handler = LambdaHandlers.Json(
        LambdaJsonContext.Default.SqsEvent,
        LambdaJsonContext.Default.SqsBatchResponse,
        (_, batch, _) => Task.FromResult(SqsBatchResponse.FromFailedMessageIds(batch.Records.Select(r => r.MessageId))));

    [Fact]
    public async Task A_typed_handler_reads_its_input_and_writes_its_output_with_source_generated_metadata()
    {
        var response = await Handler(Context, Encoding.UTF8.GetBytes(Events.SampleEvents.SqsBatch), CancellationToken.None);

        Encoding.UTF8.GetString(response).Should().Be(
            """{"batchItemFailures":[{"itemIdentifier":"059f36b4-87a3-44ab-83d2-661975830a7d"},{"itemIdentifier":"2e1424d4-f796-459a-8184-9c92662be6da"}]}""");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"Records\": 5}")]
    [InlineData("not json")]
    public async Task A_payload_that_does_not_fit_the_input_type_fails_the_invocation(string payload)
    {
        var act = () => Handler(Context, Encoding.UTF8.GetBytes(payload), CancellationToken.None);

        await act.Should().ThrowAsync<JsonException>();
    }
}
