using System.Collections.Concurrent;
using Scanner.Emulator.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>A request-rate quota: <c>PerSecond</c> requests a second with bursts of <c>Burst</c>.</summary>
public sealed record RequestQuota(double PerSecond, int Burst);

/// <summary>
/// Service-side request quotas, each kept per calling account and Region as AWS keeps them, answered beyond with the
/// service's own throttling error. Security Hub's are documented (BatchImportFindings 10 a second, burst 30;
/// GetFindings 3 a second, burst 6); STS's AssumeRole and Organizations' quotas are set by the bench's options, and
/// an operation without a quota here is never refused.
/// </summary>
internal sealed class RequestQuotas
{
    private readonly Dictionary<string, RequestQuota> _quotas;
    private readonly Dictionary<string, RequestQuota> _serviceQuotas;
    private readonly ConcurrentDictionary<(string Account, string Region, string Key), TokenBucket> _buckets = new();

    public RequestQuotas(RequestQuota? assumeRole, RequestQuota? organizations)
    {
        _quotas = new(StringComparer.Ordinal)
        {
            ["SecurityHub.BatchImportFindings"] = new(10, 30),
            ["SecurityHub.GetFindings"] = new(3, 6),
        };
        if (assumeRole is not null)
        {
            _quotas["STS.AssumeRole"] = assumeRole;
        }

        _serviceQuotas = new(StringComparer.Ordinal);
        if (organizations is not null)
        {
            // One bucket for every Organizations operation of an account: the service is global, its endpoint one.
            _serviceQuotas["Organizations"] = organizations;
        }
    }

    /// <summary>True when the call fits its quota (or has none); takes a token when it does.</summary>
    public bool TryAdmit(AwsCall call)
    {
        if (_quotas.TryGetValue(call.OperationLabel, out var quota))
        {
            return _buckets.GetOrAdd((call.Account.Id, call.Region, call.OperationLabel), _ => new TokenBucket(quota.PerSecond, quota.Burst)).TryTake();
        }

        if (_serviceQuotas.TryGetValue(call.Service, out var shared))
        {
            return _buckets.GetOrAdd((call.Account.Id, "", call.Service), _ => new TokenBucket(shared.PerSecond, shared.Burst)).TryTake();
        }

        return true;
    }
}
