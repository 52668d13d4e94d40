using System.Text.Json;
using Scanner.Demo;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>One result as the scan's JSON output names it: which check, which account, which Region, which resource.</summary>
public sealed record ResultKey(string CheckId, string AccountId, string Region, string ResourceId)
{
    public override string ToString() => $"{CheckId} {AccountId} {Region} {ResourceId}";
}

/// <summary>ExpectedDemoFindings, resolved to the ids of one seeded demo organization.</summary>
public static class DemoExpectations
{
    public static ResultKey Key(DemoOrganizationInfo demo, ExpectedDemoFinding expected)
    {
        ArgumentNullException.ThrowIfNull(demo);
        ArgumentNullException.ThrowIfNull(expected);
        var resource = demo.Resource(expected.AccountName, expected.ResourceName);
        return new ResultKey(expected.CheckId, demo.AccountId(expected.AccountName), expected.Region ?? resource.Region, resource.Arn);
    }

    public static IReadOnlyList<ResultKey> Failed(DemoOrganizationInfo demo) => [.. ExpectedDemoFindings.Failed.Select(e => Key(demo, e))];

    public static IReadOnlyList<ResultKey> Exempted(DemoOrganizationInfo demo) => [.. ExpectedDemoFindings.Exempted.Select(e => Key(demo, e))];

    public static IReadOnlyList<ResultKey> MustNotFail(DemoOrganizationInfo demo) => [.. ExpectedDemoFindings.MustNotFail.Select(e => Key(demo, e))];

    /// <summary>The rows of `--format json` output; throws (failing the test) when stdout is anything but one JSON array.</summary>
    public static IReadOnlyList<JsonElement> Rows(string stdout)
    {
        using var document = JsonDocument.Parse(stdout);
        document.RootElement.ValueKind.Should().Be(JsonValueKind.Array, because: "--format json prints one JSON array");
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    public static string Text(this JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    public static ResultKey Key(this JsonElement row) => new(row.Text("checkId"), row.Text("accountId"), row.Text("region"), row.Text("resourceId"));

    public static IEnumerable<ResultKey> WithStatus(this IEnumerable<JsonElement> rows, string status) =>
        rows.Where(r => r.Text("status") == status).Select(r => r.Key());
}
