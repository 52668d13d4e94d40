using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Scanner.Aws.Tests.Infrastructure;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>
/// An in-process stand-in for Security Hub's two finding operations, to meet what moto never does: per-finding
/// failures in a BatchImportFindings response. <c>fail(id, attempt)</c> names the error of a finding's
/// attempt-th import (1-based), or null to store it. GetFindings returns everything stored.
/// </summary>
public sealed class FakeSecurityHub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, int, (string Code, string Message)?> _fail;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonNode> _stored = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _importSizes = new();
    private readonly Task _loop;
    private int _reads;
    private int _importRequests;

    public FakeSecurityHub(Func<string, int, (string Code, string Message)?> fail)
    {
        _fail = fail;
        Endpoint = $"http://127.0.0.1:{LocalPort.Free()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Number of findings in each BatchImportFindings request, in order.</summary>
    public IReadOnlyList<int> ImportSizes => [.. _importSizes];

    public int Reads => _reads;

    /// <summary>BatchImportFindings requests received, throttled ones included.</summary>
    public int ImportRequests => _importRequests;

    /// <summary>While true, every BatchImportFindings request is answered 429 TooManyRequestsException as a whole.</summary>
    public bool ThrottleImports { get; set; }

    public IReadOnlyCollection<string> StoredIds => [.. _stored.Keys];

    public int Attempts(string id) => _attempts.GetValueOrDefault(id);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            if (context.Request.Url!.AbsolutePath == "/findings/import")
            {
                Interlocked.Increment(ref _importRequests);
                if (ThrottleImports)
                {
                    // Security Hub's restJson error: the code in x-amzn-ErrorType, the message in the body.
                    var error = Encoding.UTF8.GetBytes("{\"message\":\"Rate exceeded\"}");
                    context.Response.StatusCode = 429;
                    context.Response.Headers["x-amzn-ErrorType"] = "TooManyRequestsException";
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(error);
                    context.Response.Close();
                    continue;
                }
            }

            var answer = context.Request.Url!.AbsolutePath switch
            {
                "/findings/import" => Import(body),
                "/findings" => Read(),
                _ => new JsonObject(),
            };
            var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
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

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }
}
