using System.Collections;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Events;
using Scanner.Lambda.Handlers;
using Scanner.Lambda.Runtime;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>
/// The change path as deployed, on moto: a FIFO change queue, a change scan queue and a scan queue of the test's own,
/// and the dispatcher composed for Lambda with the three URLs (as template.yaml sets them). The queue's 5-minute
/// DelaySeconds is the template's; the queues here deliver at once, which changes nothing the code decides.
/// </summary>
internal sealed class ChangePipeline : IDisposable
{
    private ChangePipeline(FunctionsOrganization organization, AmazonSQSClient sqs, string scanQueueUrl, string changeQueueUrl, string changeScanQueueUrl)
    {
        Organization = organization;
        Sqs = sqs;
        ScanQueueUrl = scanQueueUrl;
        ChangeQueueUrl = changeQueueUrl;
        ChangeScanQueueUrl = changeScanQueueUrl;
    }

    /// <summary>The demo organization plus a closed account, shared by the assembly's moto tests.</summary>
    public FunctionsOrganization Organization { get; }

    public AmazonSQSClient Sqs { get; }

    public string ScanQueueUrl { get; }

    public string ChangeQueueUrl { get; }

    public string ChangeScanQueueUrl { get; }

    public CapturedLog Log { get; } = new();

    public LambdaHandler Dispatcher { get; private set; } = null!;

    public static async Task<ChangePipeline> CreateAsync(MotoFixture moto, string purpose)
    {
        var organization = await FunctionsOrganization.UseAsync(moto);
        var sqs = FunctionHarness.Sqs(moto.Endpoint);
        var scan = await FunctionHarness.CreateQueueAsync(sqs, $"{purpose}-scheduled");
        var changeScan = await FunctionHarness.CreateQueueAsync(sqs, $"{purpose}-change-scan");
        var change = (await sqs.CreateQueueAsync(new CreateQueueRequest($"changes-{purpose}-{Guid.NewGuid():N}.fifo")
        {
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["FifoQueue"] = "true" },
        })).QueueUrl;
        var pipeline = new ChangePipeline(organization, sqs, scan, change, changeScan);
        var environment = FunctionHarness.Environment(moto.Endpoint, scan);
        environment["CHANGE_QUEUE_URL"] = change;
        environment["CHANGE_SCAN_QUEUE_URL"] = changeScan;
        pipeline.Dispatcher = await FunctionComposition.DispatcherAsync(
            FunctionSettings.FromEnvironment((IDictionary)environment, FunctionRole.Dispatcher), pipeline.Log.Log, FunctionHarness.Credentials);
        return pipeline;
    }

    public void Dispose() => Sqs.Dispose();

    /// <summary>Visible and in-flight messages on a queue of this pipeline.</summary>
    public Task<(int Visible, int InFlight)> DepthAsync(string queueUrl) => FunctionHarness.QueueDepthAsync(Sqs, queueUrl);

    /// <summary>Each event as EventBridge invokes the dispatcher with it: one invocation per event.</summary>
    public async Task<List<JsonElement>> ForwardAsync(IEnumerable<string> events)
    {
        var responses = new List<JsonElement>();
        foreach (var payload in events)
        {
            responses.Add(JsonDocument.Parse(await FunctionHarness.InvokeAsync(Dispatcher, payload)).RootElement.Clone());
        }

        return responses;
    }

    /// <summary>What the change queue lets through, handed to the dispatcher as its SQS event source does.</summary>
    public async Task<(List<Message> Changes, JsonElement Response)> ReleaseChangesAsync()
    {
        var changes = await FunctionHarness.ReceiveAllAsync(Sqs, ChangeQueueUrl);
        if (changes.Count == 0)
        {
            return (changes, default);
        }

        var response = await FunctionHarness.InvokeAsync(Dispatcher, FunctionHarness.SqsEvent(changes.Select(m => (m.MessageId, m.Body))));
        return (changes, JsonDocument.Parse(response).RootElement.Clone());
    }

    /// <summary>The scan jobs on the change scan queue, parsed the way the account scanner parses them.</summary>
    public async Task<List<(Message Message, ScanJob Job)>> ChangeScanJobsAsync()
    {
        var jobs = new List<(Message, ScanJob)>();
        foreach (var message in await FunctionHarness.ReceiveAllAsync(Sqs, ChangeScanQueueUrl))
        {
            if (!ScanJob.TryParse(message.Body, out var job, out var error))
            {
                throw new InvalidOperationException($"Not a valid scan job ({error}): {message.Body}");
            }

            jobs.Add((message, job));
        }

        return jobs;
    }
}
