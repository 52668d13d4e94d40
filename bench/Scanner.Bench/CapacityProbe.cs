using System.Diagnostics;
using System.Net;
using System.Text;
using Scanner.Bench.Server;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;

namespace Scanner.Bench;

/// <summary>What the server sustained with no latency.</summary>
internal sealed record CapacityResult(long Requests, TimeSpan Elapsed, int Clients, double ServerCpuMsPerRequest, long Errors)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>What the server alone could answer with every core of the machine, from its CPU time per request.</summary>
    public double ServerOnlyRequestsPerSecond => ServerCpuMsPerRequest <= 0 ? 0 : Environment.ProcessorCount * 1000 / ServerCpuMsPerRequest;
}

/// <summary>
/// Measures the bench server's own capacity: latency 0, many clients at once, a mix of the scanner's operations over
/// every protocol (IAM and EC2 XML, Organizations and tagging JSON, Lambda REST), with signed-looking requests
/// (a credential scope naming the account) from a plain HttpClient so that the client costs little.
/// </summary>
internal static class CapacityProbe
{
    public static async Task<CapacityResult> RunAsync(string endpoint, BenchServerControl control, SyntheticOrganization organization, int latencyMs, TimeSpan duration, int clients)
    {
        await control.ConfigureAsync(latencyMs: 0);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseProxy = false, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(endpoint) };
        var templates = Templates(organization);

        // A short warm-up (JIT on both sides), then the measured window.
        await RunClientsAsync(http, templates, clients, TimeSpan.FromSeconds(0.5));
        await control.ResetAsync();
        var (requests, errors, elapsed) = await RunClientsAsync(http, templates, clients, duration);
        var stats = await control.StatsAsync();
        await control.ResetAsync();
        await control.ConfigureAsync(latencyMs: latencyMs);
        return new CapacityResult(requests, elapsed, clients, stats.ServerCpuMs / Math.Max(1, stats.Answered), errors);
    }

    private static async Task<(long Requests, long Errors, TimeSpan Elapsed)> RunClientsAsync(HttpClient http, List<Func<HttpRequestMessage>> templates, int clients, TimeSpan duration)
    {
        long requests = 0;
        long errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var i = c;
            while (clock.Elapsed < duration)
            {
                using var request = templates[i++ % templates.Count]();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref requests);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return (requests, errors, clock.Elapsed);
    }

    private static List<Func<HttpRequestMessage>> Templates(SyntheticOrganization organization)
    {
        var templates = new List<Func<HttpRequestMessage>>();
        foreach (var account in organization.Accounts.Take(50))
        {
            var id = account.Id;
            templates.Add(() => Form(id, "iam", "us-east-1", "Action=ListUsers&Version=2010-05-08"));
            templates.Add(() => Form(id, "iam", "us-east-1", "Action=GetCredentialReport&Version=2010-05-08"));
            templates.Add(() => Form(id, "ec2", "us-east-1", "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000"));
            templates.Add(() => Json(id, "tagging", "us-east-1", "ResourceGroupsTaggingAPI_20170126.GetResources", "{\"ResourcesPerPage\":100}"));
            templates.Add(() => Json(OrganizationGenerator.ManagementAccountId, "organizations", "us-east-1", "AWSOrganizationsV20161128.ListTagsForResource", $"{{\"ResourceId\":\"{id}\"}}"));
            templates.Add(() => Signed(new HttpRequestMessage(HttpMethod.Get, "/2015-03-31/functions/"), id, "lambda", "us-east-1"));
        }

        return templates;
    }

    private static HttpRequestMessage Form(string account, string service, string region, string body)
        => Signed(new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") }, account, service, region);

    private static HttpRequestMessage Json(string account, string service, string region, string target, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        return Signed(request, account, service, region);
    }

    private static HttpRequestMessage Signed(HttpRequestMessage request, string account, string service, string region)
    {
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential=ASIA{account}PROB/20250101/{region}/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0");
        return request;
    }
}
