using System.Globalization;
using System.Net.Http.Json;

namespace Scanner.Bench.Server;

/// <summary>The bench server's control endpoints over HTTP, for a server running in another process.</summary>
public sealed class BenchServerControl(string endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(120) };

    public async Task<LedgerSnapshot> StatsAsync(CancellationToken cancellationToken = default)
        => await _http.GetFromJsonAsync<LedgerSnapshot>("_bench/stats", cancellationToken)
            ?? throw new InvalidOperationException("The bench server sent no statistics.");

    /// <summary>Every queue's counts, by queue name.</summary>
    public async Task<Dictionary<string, Queues.QueueCounts>> QueuesAsync(CancellationToken cancellationToken = default)
        => await _http.GetFromJsonAsync<Dictionary<string, Queues.QueueCounts>>("_bench/queues", cancellationToken) ?? [];

    /// <summary>The ids of the ACTIVE findings Security Hub holds, by account.</summary>
    public async Task<Dictionary<string, List<string>>> ActiveFindingsAsync(CancellationToken cancellationToken = default)
        => await _http.GetFromJsonAsync<Dictionary<string, List<string>>>("_bench/findings", cancellationToken) ?? [];

    public async Task ResetAsync(bool findings = false, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PostAsync(new Uri("_bench/reset" + (findings ? "?findings=true" : ""), UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task ConfigureAsync(int? latencyMs = null, double? throttlePercent = null, bool? quotas = null, bool? oneCallAtATime = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (latencyMs is { } latency)
        {
            query.Add("latencyMs=" + latency.ToString(CultureInfo.InvariantCulture));
        }

        if (throttlePercent is { } throttle)
        {
            query.Add("throttlePercent=" + throttle.ToString(CultureInfo.InvariantCulture));
        }

        if (quotas is { } q)
        {
            query.Add("quotas=" + (q ? "true" : "false"));
        }

        if (oneCallAtATime is { } serial)
        {
            query.Add("oneCallAtATime=" + (serial ? "true" : "false"));
        }

        using var response = await _http.PostAsync(new Uri("_bench/config?" + string.Join('&', query), UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("_bench/ping", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
