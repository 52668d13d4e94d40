using System.Text.Json;
using System.Text.Json.Nodes;
using Scanner.Aws.Scanning;
using Scanner.Bench.Server.Model;
using Scanner.Emulator.Model;
using Scanner.Core.Inventory;

namespace Scanner.Bench;

/// <summary>Compares what the scan collected with the synthetic organization's definition (<see cref="ExpectedInventory"/>).</summary>
internal static class InventoryCheck
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <returns>The accounts whose inventory differs, with the first difference.</returns>
    public static List<string> Differences(SyntheticOrganization organization, IEnumerable<AccountScanResult> results)
    {
        var differences = new List<string>();
        foreach (var result in results)
        {
            var account = organization.Find(result.Account.Id);
            if (account is null || result.Inventory is not { } inventory)
            {
                differences.Add($"{result.Account.Id}: not scanned ({result.Error})");
                continue;
            }

            var expected = ExpectedInventory.Of(organization, account, inventory.CollectedAt, ScanHarness.Policy);
            var parts = new (string Name, object Actual, object Expected)[]
            {
                ("account", inventory.Account, ExpectedInventory.Account(organization, account)),
                ("users", inventory.IamUsers, ExpectedInventory.Users(account)),
                ("root", inventory.Root!, ExpectedInventory.Root(account)),
                ("trails", inventory.Trails, ExpectedInventory.Trails(organization, account)),
                ("regions", inventory.EnabledRegions, ExpectedInventory.Regions(account)),
                ("resources", inventory.Resources, ExpectedInventory.Resources(account)),
                ("root access management", inventory.RootAccessManagement!, expected.RootAccessManagement!),
                ("config", inventory.Config, expected.Config),
                ("security hub", inventory.SecurityHub, expected.SecurityHub),
                ("guardduty", inventory.GuardDuty, expected.GuardDuty),
                ("gaps", inventory.Gaps, Array.Empty<CollectionGap>()),
            };
            var first = parts.FirstOrDefault(p => Canonical(p.Actual) != Canonical(p.Expected));
            if (first.Name is not null)
            {
                differences.Add($"{account.Id}: {first.Name} differ:\n    collected {Canonical(first.Actual)}\n    expected  {Canonical(first.Expected)}");
            }
        }

        return differences;
    }

    /// <summary>JSON with object members sorted, so dictionaries compare whatever their order.</summary>
    public static string Canonical(object? value) => Sort(JsonSerializer.SerializeToNode(value, Json))?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(n => Sort(n?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
