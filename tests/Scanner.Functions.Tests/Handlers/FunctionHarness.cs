using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Lambda.Configuration;
using Scanner.Lambda.Logging;
using Scanner.Lambda.Runtime;

namespace Scanner.Functions.Tests.Handlers;

/// <summary>What the handler tests need around the functions: their environment, a queue, SQS events, the log, read-backs.</summary>
internal static class FunctionHarness
{
    public const string Region = "us-east-1";

    /// <summary>The scanner's own account is read from the function ARN: findings about unscannable accounts go there.</summary>
    public const string ScannerAccountId = MotoFixture.ManagementAccountId;

    public const string ScannerFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:scanner";

    public const string AuditRoleName = "OrganizationComplianceAudit";

    /// <summary>The function's own credentials (moto's management account); the secret must never reach a log.</summary>
    public const string BaseSecretAccessKey = "testing";

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", BaseSecretAccessKey);

    /// <summary>The variables the SAM template sets, pointed at moto. The policy is the demo's, minus its OU override.</summary>
    public static Dictionary<string, string> Environment(string endpoint, string? queueUrl)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = endpoint,
            ["AWS_REGION"] = Region,
            ["AUDIT_ROLE_NAME"] = AuditRoleName,
            ["APPROVED_REGIONS"] = "us-east-1,eu-west-1",
            ["REQUIRED_TAGS"] = "owner,cost-center",
        };
        if (queueUrl is not null)
        {
            environment["SCAN_QUEUE_URL"] = queueUrl;
        }

        return environment;
    }

    /// <summary>The variables the SAM template sets, pointed at moto, with the policy document in (moto's) S3 and no policy values beside it.</summary>
    public static Dictionary<string, string> EnvironmentWithPolicy(string endpoint, string? queueUrl, string policyUri)
    {
        var environment = Environment(endpoint, queueUrl);
        foreach (var variable in FunctionSettings.PolicyVariables)
        {
            environment.Remove(variable);
        }

        environment["POLICY_URI"] = policyUri;
        environment["SCANNER_STACK_NAME"] = "org-compliance-scanner";
        return environment;
    }

    public static FunctionSettings Settings(string endpoint, string? queueUrl, FunctionRole role) =>
        FunctionSettings.FromEnvironment((IDictionary)Environment(endpoint, queueUrl), role);

    public static InvocationContext Context(TimeSpan untilDeadline) =>
        new($"req-{Guid.NewGuid():N}", DateTimeOffset.UtcNow + untilDeadline, ScannerFunctionArn, null);

    public static async Task<string> InvokeAsync(LambdaHandler handler, string payload, TimeSpan? untilDeadline = null)
    {
        var response = await handler(Context(untilDeadline ?? TimeSpan.FromMinutes(15)), Encoding.UTF8.GetBytes(payload), CancellationToken.None);
        return Encoding.UTF8.GetString(response);
    }

    public static AmazonSQSClient Sqs(string endpoint) =>
        new(Credentials, new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = Region });

    /// <summary>A new, empty queue for one test, so that no test reads another's jobs.</summary>
    public static async Task<string> CreateQueueAsync(AmazonSQSClient sqs, string purpose) =>
        (await sqs.CreateQueueAsync(new CreateQueueRequest($"scan-{purpose}-{Guid.NewGuid():N}"))).QueueUrl;

    /// <summary>Every message on the queue: received (hidden for 10 minutes) until a receive comes back empty.</summary>
    public static async Task<List<Message>> ReceiveAllAsync(AmazonSQSClient sqs, string queueUrl)
    {
        var messages = new List<Message>();
        while (true)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
            {
                MaxNumberOfMessages = 10,
                VisibilityTimeout = 600,
                WaitTimeSeconds = 0,
                MessageSystemAttributeNames = ["All"],
            });
            if (response.Messages is not { Count: > 0 } page)
            {
                return messages;
            }

            messages.AddRange(page);
        }
    }

    /// <summary>ApproximateNumberOfMessages (visible) and ApproximateNumberOfMessagesNotVisible (in flight).</summary>
    public static async Task<(int Visible, int InFlight)> QueueDepthAsync(AmazonSQSClient sqs, string queueUrl)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl,
            ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]));
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }

    /// <summary>An SQS event as the event source mapping delivers it (the field names of the AWS documentation).</summary>
    public static string SqsEvent(IEnumerable<(string MessageId, string Body)> records)
    {
        var array = new JsonArray();
        foreach (var (messageId, body) in records)
        {
            array.Add(new JsonObject
            {
                ["messageId"] = messageId,
                ["receiptHandle"] = $"AQEB{messageId}",
                ["body"] = body,
                ["attributes"] = new JsonObject
                {
                    ["ApproximateReceiveCount"] = "1",
                    ["SentTimestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["SenderId"] = "AROAEXAMPLE:dispatcher",
                },
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "00000000000000000000000000000000",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:org-compliance-scanner-ScanQueue",
                ["awsRegion"] = Region,
            });
        }

        return new JsonObject { ["Records"] = array }.ToJsonString();
    }

    /// <summary>
    /// This scanner's findings in one account's Security Hub (home Region), read as that account (AssumeRole, as the
    /// scanner does). moto ignores GetFindings filters, so ours are picked out here by ProductArn and account.
    /// </summary>
    public static async Task<List<AsffFinding>> ScannerFindingsAsync(MotoFixture moto, string accountId)
    {
        using var hub = new ProtocolClient(await moto.AssumeAsync(accountId, AuditRoleName), SecurityHubApi.Service, Region, moto.Endpoint);
        var productArn = ScannerProduct.ProductArn(Region, accountId);
        var filters = new AsffFilters { ProductArn = [new StringFilter(productArn)], AwsAccountId = [new StringFilter(accountId)] };
        var all = await hub.PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(filters), CancellationToken.None).ToListAsync();
        return [.. all.Where(f => f.ProductArn == productArn && f.AwsAccountId == accountId)];
    }

    /// <summary>Everything about a finding that an import changes: a snapshot to compare before and after an invocation.</summary>
    public static string Fingerprint(AsffFinding finding) =>
        $"{finding.Id}|{finding.UpdatedAt}|{finding.RecordState}|{finding.Compliance?.Status}|{finding.Title}";

    public static string ResourceIdOf(AsffFinding finding) => finding.Resources?.FirstOrDefault()?.Id ?? "";

    public static string? ProductField(AsffFinding finding, string name) =>
        finding.ProductFields is { } fields && fields.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A <see cref="JsonLog"/> over memory, read back line by line.</summary>
#pragma warning disable CA1001 // A MemoryStream holds nothing but managed memory; the log lives as long as the test.
internal sealed class CapturedLog
#pragma warning restore CA1001
{
    private readonly MemoryStream _stream = new();

    public CapturedLog() => Log = new JsonLog(_stream);

    public JsonLog Log { get; }

    public string Text => Encoding.UTF8.GetString(_stream.ToArray());

    /// <summary>Each line parsed: a line that is not one JSON object fails the test.</summary>
    public IReadOnlyList<JsonElement> Lines =>
        [.. Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    public IReadOnlyList<JsonElement> WithMessage(string message) =>
        [.. Lines.Where(l => l.GetProperty("message").GetString() == message)];

    /// <summary>Every string value of every field of every line.</summary>
    public IEnumerable<string> StringValues =>
        Lines.SelectMany(l => l.EnumerateObject()).Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!);
}
