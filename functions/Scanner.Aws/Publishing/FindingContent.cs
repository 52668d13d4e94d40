using System.Security.Cryptography;
using System.Text.Json;
using Scanner.Aws.Services;

namespace Scanner.Aws.Publishing;

/// <summary>
/// What a finding says to a reader, reduced to a fingerprint stored in the finding itself (ProductFields
/// compliance/contentHash). Every import is a billed finding-ingestion event, so a finding whose content has not
/// changed since Security Hub last stored it is not imported again until it is due for a refresh. The fingerprint is
/// stored rather than recomputed from what Security Hub returns, because Security Hub adds and normalizes members
/// (its own aws/ product fields, severity values, workflow) and a recomputed one would never match.
/// </summary>
public static class FindingContent
{
    /// <summary>
    /// The fingerprint of everything a reader sees: title, description, severity, types, resources and their
    /// details, compliance, remediation, record state and the scanner's own product fields. Not the timestamps (they
    /// move on every import), not the workflow (it belongs to the people triaging), not the provider version (an
    /// upgrade that changes no text changes nothing for the reader).
    /// </summary>
    public static string Fingerprint(AsffFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var canonical = finding with
        {
            CreatedAt = null,
            UpdatedAt = null,
            FirstObservedAt = null,
            LastObservedAt = null,
            Workflow = null,
            ProductFields = Sorted(finding.ProductFields?.Where(p => p.Key is not ScannerProduct.Fields.ContentHash and not ScannerProduct.Fields.ProviderVersion
                && !p.Key.StartsWith("aws/", StringComparison.Ordinal))),
            Resources = finding.Resources?.Select(r => r with
            {
                Tags = Sorted(r.Tags),
                Details = r.Details is { } details ? details with { Other = Sorted(details.Other) } : null,
            }).ToList(),
        };
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical, AwsJsonContext.Default.AsffFinding));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The finding with its fingerprint in ProductFields, as it is imported.</summary>
    public static AsffFinding Stamp(AsffFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var fields = finding.ProductFields is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : new Dictionary<string, string>(finding.ProductFields, StringComparer.Ordinal);
        fields[ScannerProduct.Fields.ContentHash] = Fingerprint(finding);
        return finding with { ProductFields = fields };
    }

    /// <summary>Whether Security Hub already holds exactly what <paramref name="fresh"/> (stamped) says.</summary>
    public static bool Unchanged(AsffFinding fresh, AsffFinding stored)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(stored);
        return stored.ProductFields?.GetValueOrDefault(ScannerProduct.Fields.ContentHash) is { Length: > 0 } held
            && string.Equals(held, fresh.ProductFields?.GetValueOrDefault(ScannerProduct.Fields.ContentHash), StringComparison.Ordinal);
    }

    private static Dictionary<string, string>? Sorted(IEnumerable<KeyValuePair<string, string>>? pairs) =>
        pairs?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
