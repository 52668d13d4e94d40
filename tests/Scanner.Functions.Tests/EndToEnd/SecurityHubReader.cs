using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Demo;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Reads what an account's Security Hub holds of this scanner, the way a person would: as that account (AssumeRole),
/// in the home Region, from moto or the in-process emulator. moto ignores GetFindings filters, so the scanner's findings
/// are picked out here by ProductArn.
/// </summary>
public static class SecurityHubReader
{
    public static Task<IReadOnlyList<AsffFinding>> OursAsync(MotoFixture moto, string accountId)
    {
        ArgumentNullException.ThrowIfNull(moto);
        return OursAsync(moto.Endpoint, accountId);
    }

    public static async Task<IReadOnlyList<AsffFinding>> OursAsync(string endpoint, string accountId)
    {
        var productArn = ScannerProduct.ProductArn(DemoOrganization.HomeRegion, accountId);
        using var session = await DemoAccountSession.AssumeAsync(endpoint, accountId, DemoOrganization.MemberRoleName, CancellationToken.None);
        var client = session.Client(SecurityHubApi.Service, DemoOrganization.HomeRegion);
        var all = await client.PaginateAsync(SecurityHubApi.GetFindings,
            new GetFindingsRequest(new AsffFilters { ProductArn = [new StringFilter(productArn)] }, MaxResults: 100)).ToListAsync();
        return [.. all.Where(f => f.ProductArn == productArn && !string.IsNullOrEmpty(f.GeneratorId))];
    }

    /// <summary>This scanner's findings in every account of the demo, by finding id; fails on a duplicate id.</summary>
    public static Task<HeldFindings> AllAsync(MotoFixture moto, DemoOrganizationInfo demo)
    {
        ArgumentNullException.ThrowIfNull(moto);
        return AllAsync(moto.Endpoint, demo);
    }

    public static async Task<HeldFindings> AllAsync(string endpoint, DemoOrganizationInfo demo)
    {
        ArgumentNullException.ThrowIfNull(demo);
        var byAccount = new Dictionary<string, IReadOnlyList<AsffFinding>>(StringComparer.Ordinal);
        foreach (var accountId in demo.AccountIds.Values)
        {
            var findings = await OursAsync(endpoint, accountId);
            findings.Select(f => f.Id).Should().OnlyHaveUniqueItems(because: $"account {accountId} holds each finding once");
            findings.Should().OnlyContain(f => f.AwsAccountId == accountId, because: "a finding is stored in the account it names");
            byAccount[accountId] = findings;
        }

        return new HeldFindings(byAccount);
    }
}

/// <summary>A snapshot of what the demo's Security Hubs hold of this scanner.</summary>
public sealed class HeldFindings(IReadOnlyDictionary<string, IReadOnlyList<AsffFinding>> byAccount)
{
    public IReadOnlyDictionary<string, IReadOnlyList<AsffFinding>> ByAccount { get; } = byAccount;

    public IReadOnlyDictionary<string, AsffFinding> ById { get; } =
        byAccount.Values.SelectMany(f => f).ToDictionary(f => f.Id, StringComparer.Ordinal);

    public IEnumerable<AsffFinding> Active => ById.Values.Where(f => f.RecordState == "ACTIVE");

    public IEnumerable<AsffFinding> Archived => ById.Values.Where(f => f.RecordState == "ARCHIVED");

    public AsffFinding this[ResultKey key] =>
        ById.Values.SingleOrDefault(f => Key(f) == key) ?? throw new KeyNotFoundException($"No finding for {key} in Security Hub.");

    public static ResultKey Key(AsffFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ResultKey(finding.GeneratorId!, finding.AwsAccountId!, finding.Resources![0].Region ?? "", finding.Resources[0].Id);
    }
}
