using System.Text.Json.Serialization;
using Scanner.Aws.Scanning;
using Scanner.Core.Evaluation;

namespace Scanner.Commands.Output;

/// <summary>One result as the machine-readable outputs (JSON, CSV) show it.</summary>
public sealed record ResultRow(
    string CheckId,
    string AccountId,
    string AccountName,
    string Region,
    string ResourceType,
    string ResourceId,
    string Status,
    string Severity,
    string Title,
    string Description,
    string Remediation,
    string? RemediationUrl,
    string? Reason)
{
    public static IReadOnlyList<ResultRow> From(IReadOnlyList<AccountScanResult> scans)
    {
        var names = scans.ToDictionary(s => s.Account.Id, s => s.Account.Name, StringComparer.Ordinal);
        return [.. ResultOrder.ForReports(scans.SelectMany(s => s.Results))
            .Select(r => new ResultRow(
                r.CheckId, r.AccountId, names.GetValueOrDefault(r.AccountId, ""), r.Region, r.ResourceType, r.ResourceId,
                StatusText(r.Status), r.Severity.ToString().ToUpperInvariant(), r.Title, r.Description, r.Remediation, r.RemediationUrl, r.Reason))];
    }

    public static string StatusText(CheckStatus status) => status switch
    {
        CheckStatus.Failed => "FAILED",
        CheckStatus.Passed => "PASSED",
        CheckStatus.Exempted => "EXEMPTED",
        CheckStatus.NotApplicable => "NOT_APPLICABLE",
        _ => "ERROR",
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<ResultRow>))]
[JsonSerializable(typeof(IReadOnlyList<ResultRow>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
