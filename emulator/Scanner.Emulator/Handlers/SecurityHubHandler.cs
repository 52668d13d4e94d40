using System.Collections.Concurrent;
using System.Text.Json;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// AWS Security Hub (restJson1): BatchImportFindings (POST /findings/import, at most 100 findings) and GetFindings
/// (POST /findings, EQUALS filters, 100 a page) over an in-memory store per account and region; EnableSecurityHub and
/// DescribeHub, which answers InvalidAccessException (401) where Security Hub is not enabled, as AWS does. Imports and
/// reads are accepted wherever Security Hub is off, as moto accepts them (AWS refuses them there): the demo then
/// publishes the same way on both backends, and a test that wants the refusal injects it. A host may enforce request
/// quotas before the call gets here. <paramref name="imported"/> hears the ids of every import request's findings.
/// </summary>
internal sealed class SecurityHubHandler(OrganizationStore store, Action<IReadOnlyList<string>>? imported = null) : IServiceHandler
{
    private static readonly string[] FilterFields = ["Id", "ProductArn", "AwsAccountId", "GeneratorId", "RecordState", "Region", "ComplianceStatus"];

    private readonly ConcurrentDictionary<(string Account, string Region), Store> _stores = new();

    public void Clear() => _stores.Clear();

    /// <summary>The ids of the ACTIVE findings each account holds, in every Region.</summary>
    public SortedDictionary<string, List<string>> ActiveFindingIds()
    {
        var ids = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var ((account, _), store) in _stores)
        {
            var active = store.Snapshot().Where(f => f.Fields["RecordState"] == "ACTIVE").Select(f => f.Fields["Id"] ?? "");
            if (!ids.TryGetValue(account, out var list))
            {
                ids[account] = list = [];
            }

            list.AddRange(active);
        }

        return ids;
    }

    public WireReply Handle(AwsCall call)
    {
        if (call.Operation == "EnableSecurityHub")
        {
            return store.UpdateAccount(call.Account.Id, account => account.SecurityHubRegions.Contains(call.Region)
                ? (null, Envelopes.RestJsonError(409, "ResourceConflictException", $"Account {account.Id} is already subscribed to Security Hub"))
                : (account with { SecurityHubRegions = [.. account.SecurityHubRegions, call.Region] }, WireReply.Json(Envelopes.RestJson, w => { w.WriteStartObject(); w.WriteEndObject(); })));
        }

        return call.Operation switch
        {
            "BatchImportFindings" => Import(call),
            "GetFindings" => GetFindings(call),
            "DescribeHub" when !call.Account.SecurityHubRegions.Contains(call.Region) =>
                Envelopes.SecurityHubNotEnabled(call.Account.Id),
            "DescribeHub" => WireReply.Json(Envelopes.RestJson, w =>
            {
                w.WriteStartObject();
                w.WriteString("HubArn", call.Account.SecurityHubArn(call.Region));
                w.WriteString("SubscribedAt", "2024-01-01T00:00:00.000Z");
                w.WriteEndObject();
            }),
            _ => Envelopes.RestJsonError(404, "UnknownOperationException", $"Unknown operation {call.Operation}"),
        };
    }

    private WireReply Import(AwsCall call)
    {
        if (call.Json.ValueKind != JsonValueKind.Object || !call.Json.TryGetProperty("Findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
        {
            return Envelopes.RestJsonError(400, "InvalidInputException", "Findings is required.");
        }

        if (findings.GetArrayLength() > 100)
        {
            return Envelopes.RestJsonError(400, "InvalidInputException", "At most 100 findings may be imported in one request.");
        }

        imported?.Invoke([.. findings.EnumerateArray().Select(f => Text(f, "Id") ?? "")]);
        var store = _stores.GetOrAdd((call.Account.Id, call.Region), _ => new Store());
        var failed = new List<(string Id, string Code, string Message)>();
        foreach (var finding in findings.EnumerateArray())
        {
            var id = Text(finding, "Id") ?? "";
            if (Text(finding, "AwsAccountId") != call.Account.Id)
            {
                failed.Add((id, "AccessDeniedException", "The finding's AwsAccountId is not the caller's account."));
                continue;
            }

            store.Put(id, new StoredFinding(finding.GetRawText(), FilterFields.ToDictionary(f => f, f => Field(finding, f), StringComparer.Ordinal)));
        }

        return WireReply.Json(Envelopes.RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("FailedCount", failed.Count);
            w.WriteNumber("SuccessCount", findings.GetArrayLength() - failed.Count);
            w.WriteStartArray("FailedFindings");
            foreach (var (id, code, message) in failed)
            {
                w.WriteStartObject();
                w.WriteString("Id", id);
                w.WriteString("ErrorCode", code);
                w.WriteString("ErrorMessage", message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private WireReply GetFindings(AwsCall call)
    {
        var filters = new List<(string Field, HashSet<string> Values)>();
        if (call.Json.ValueKind == JsonValueKind.Object && call.Json.TryGetProperty("Filters", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in FilterFields)
            {
                if (given.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0)
                {
                    filters.Add((field, list.EnumerateArray().Select(v => Text(v, "Value") ?? "").ToHashSet(StringComparer.Ordinal)));
                }
            }
        }

        var matches = _stores.TryGetValue((call.Account.Id, call.Region), out var store)
            ? store.Snapshot().Where(f => filters.All(filter => f.Fields[filter.Field] is { } value && filter.Values.Contains(value))).ToList()
            : [];
        var (page, next) = Pages.Slice(matches, call.JsonString("NextToken"), call.JsonInt("MaxResults"), 100, 100);
        return WireReply.Json(Envelopes.RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("Findings");
            foreach (var finding in page)
            {
                w.WriteRawValue(finding.Json);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("NextToken", next);
            }

            w.WriteEndObject();
        });
    }

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Field(JsonElement finding, string field) => field switch
    {
        "ComplianceStatus" => finding.TryGetProperty("Compliance", out var compliance) ? Text(compliance, "Status") : null,
        "RecordState" => Text(finding, "RecordState") ?? "ACTIVE",
        _ => Text(finding, field),
    };

    private sealed record StoredFinding(string Json, Dictionary<string, string?> Fields);

    private sealed class Store
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, StoredFinding> _findings = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public void Put(string id, StoredFinding finding)
        {
            lock (_gate)
            {
                if (!_findings.ContainsKey(id))
                {
                    _order.Add(id);
                }

                _findings[id] = finding;
            }
        }

        public List<StoredFinding> Snapshot()
        {
            lock (_gate)
            {
                return [.. _order.Select(id => _findings[id])];
            }
        }
    }
}
