using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;

namespace Scanner.Demo;

/// <summary>What the demo's Security Hubs hold after the scan: this scanner's active findings by severity, per account.</summary>
public static class SecurityHubSummary
{
    private static readonly string[] Labels = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"];

    public static async Task WriteAsync(AwsEnvironment environment, DemoOrganizationInfo demo, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(demo);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"Security Hub now holds ({environment.Region}), this scanner's findings:");
        foreach (var (name, accountId) in demo.AccountIds.OrderBy(p => p.Value, StringComparer.Ordinal))
        {
            using var session = await DemoAccountSession.AssumeAsync(environment.EndpointUrl!, accountId, DemoOrganization.MemberRoleName, ct);
            var productArn = ScannerProduct.ProductArn(environment.Region, accountId);
            var filters = new AsffFilters { ProductArn = [new StringFilter(productArn)] };
            var active = new Dictionary<string, int>(StringComparer.Ordinal);
            var archived = 0;
            try
            {
                await foreach (var finding in session.Client(SecurityHubApi.Service, environment.Region).PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(filters), ct))
                {
                    // Other custom integrations share the default product ARN, and emulators ignore filters.
                    if (!ScannerProduct.IsOurs(finding, accountId, productArn))
                    {
                        continue;
                    }

                    if (finding.RecordState == "ARCHIVED")
                    {
                        archived++;
                        continue;
                    }

                    var label = finding.Severity?.Label ?? "UNKNOWN";
                    active[label] = active.GetValueOrDefault(label) + 1;
                }
            }
            catch (AwsServiceException e) when (e.Kind is AwsErrorKind.NotEnabled or AwsErrorKind.AccessDenied)
            {
                await output.WriteLineAsync($"  {accountId} {name,-18} Security Hub is not enabled");
                continue;
            }

            var counts = string.Join(", ", Labels.Where(active.ContainsKey).Select(l => $"{active[l]} {l.ToLowerInvariant()}"));
            await output.WriteLineAsync($"  {accountId} {name,-18} {active.Values.Sum()} active{(counts.Length > 0 ? $" ({counts})" : "")}, {archived} archived");
        }
    }
}
