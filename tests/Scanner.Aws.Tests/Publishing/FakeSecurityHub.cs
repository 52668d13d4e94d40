using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Scanner.Emulator.Wire;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// An in-process stand-in for Security Hub's two finding operations, to meet what moto never does: per-finding
/// failures in a BatchImportFindings response. <c>fail(id, attempt)</c> names the error of a finding's
/// attempt-th import (1-based), or null to store it. GetFindings returns everything stored.
/// </summary>
public sealed class FakeSecurityHub : IDisposable
{
    private readonly LoopbackFake _host;
    private readonly Func<string, int, (string Code, string Message)?> _fail;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonNode> _stored = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _importSizes = new();
    private int _reads;
    private int _importRequests;

    public FakeSecurityHub(Func<string, int, (string Code, string Message)?> fail)
    {
        _fail = fail;
        _host = new LoopbackFake(nameof(FakeSecurityHub), ServeAsync);
    }

    public string Endpoint => _host.Endpoint;

    /// <summary>Number of findings in each BatchImportFindings request, in order.</summary>
    public IReadOnlyList<int> ImportSizes => [.. _importSizes];

    public int Reads => _reads;

    /// <summary>BatchImportFindings requests received, throttled ones included.</summary>
    public int ImportRequests => _importRequests;

    /// <summary>While true, every BatchImportFindings request is answered 429 TooManyRequestsException as a whole.</summary>
    public bool ThrottleImports { get; set; }

    public IReadOnlyCollection<string> StoredIds => [.. _stored.Keys];

    public int Attempts(string id) => _attempts.GetValueOrDefault(id);

    private async Task ServeAsync(HttpContext context)
    {
        var (request, _, _) = await RecordedRequest.ReadAsync(context);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        if (request.Path == "/findings/import")
        {
            Interlocked.Increment(ref _importRequests);
            if (ThrottleImports)
            {
                await CannedResponse.From(Envelopes.RestJsonError(429, "TooManyRequestsException", "Rate exceeded", throttle: true)).WriteAsync(context.Response);
                return;
            }
        }

        var answer = request.Path switch
        {
            "/findings/import" => Import(body),
            "/findings" => Read(),
            _ => new JsonObject(),
        };
        await new CannedResponse(200, answer.ToJsonString(), "application/json").WriteAsync(context.Response);
    }

    private JsonObject Import(JsonObject body)
    {
        var findings = body["Findings"]!.AsArray();
        _importSizes.Enqueue(findings.Count);
        var failed = new JsonArray();
        foreach (var finding in findings)
        {
            var id = finding!["Id"]!.GetValue<string>();
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (_fail(id, attempt) is { } error)
            {
                failed.Add(new JsonObject { ["Id"] = id, ["ErrorCode"] = error.Code, ["ErrorMessage"] = error.Message });
            }
            else
            {
                _stored[id] = finding.DeepClone();
            }
        }

        return new JsonObject { ["FailedCount"] = failed.Count, ["SuccessCount"] = findings.Count - failed.Count, ["FailedFindings"] = failed };
    }

    private JsonObject Read()
    {
        Interlocked.Increment(ref _reads);
        return new JsonObject { ["Findings"] = new JsonArray([.. _stored.Values.Select(f => f.DeepClone())]) };
    }

    public void Dispose() => _host.Dispose();
}
