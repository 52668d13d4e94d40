using System.Text.Json;
using Scanner.Aws.Collectors;
using Scanner.Aws.Scanning;

namespace Scanner.Commands.Output;

/// <summary>
/// `--format ocsf`: one OCSF 1.6 Compliance Finding per result, one JSON object per line (JSON Lines), the shape
/// Security Lake custom sources and most log pipelines ingest line by line.
/// </summary>
public static class OcsfReport
{
    public static void Write(IReadOnlyList<AccountScanResult> scans, OrganizationSnapshot organization, DateTimeOffset scanTime, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(scans);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(output);
        var mapper = new OcsfMapper(organization.OrganizationId, organization.Accounts, scanTime);
        foreach (var result in ResultOrder.ForReports(scans.SelectMany(s => s.Results)))
        {
            output.WriteLine(JsonSerializer.Serialize(mapper.Map(result), OcsfJsonContext.Default.OcsfComplianceFinding));
        }
    }
}
