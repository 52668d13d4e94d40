using Scanner.Aws.Collectors;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>
/// Where the baseline is read: Config and Security Hub in the Regions the account's policy requires them (the approved
/// ones, after overrides; every scanned one when none is approved), GuardDuty in every enabled Region, whatever is approved.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SecurityBaselineRegionsMotoTests(MotoFixture moto)
{
    private const string Account = "777788880016";
    private static readonly string[] Scanned = ["eu-west-1", "us-east-1", "us-west-2"];

    [Fact]
    public async Task Config_and_Security_Hub_are_read_where_approved_and_GuardDuty_everywhere()
    {
        var credentials = await moto.AssumeAsync(Account);
        foreach (var region in Scanned)
        {
            using var config = moto.Client(ConfigServiceApi.Service, region, credentials);
            await config.SendAsync(SeedOperations.PutConfigurationRecorder, new PutConfigurationRecorderRequest(
                new ConfigurationRecorderInput("default", $"arn:aws:iam::{Account}:role/config-recorder", new RecordingGroup(true, true))), default);
            using var guardDuty = moto.Client(GuardDutyApi.Service, region, credentials);
            await guardDuty.SendAsync(SeedOperations.CreateDetector, new CreateDetectorRequest(true), default);
        }

        var sandbox = new OrganizationAccount { Id = Account, Name = "baseline-regions", OuPath = [new OrganizationalUnit("ou-ab12-cdef3456", "Sandbox")] };
        var policy = ScanPolicy.Default with
        {
            ApprovedRegions = ["us-east-1"],
            Overrides = [new PolicyOverride { Ou = "Sandbox", AdditionalApprovedRegions = ["us-west-2"] }],
        };

        var judged = await CollectAsync(sandbox, policy.For(sandbox));
        judged.Config.Select(c => c.Region).Should().Equal(["us-east-1", "us-west-2"], "approved for this account, its OU's override included");
        judged.SecurityHub.Select(h => h.Region).Should().Equal(["us-east-1", "us-west-2"]);
        judged.GuardDuty.Select(g => g.Region).Should().Equal(Scanned, "GuardDuty must run in every enabled Region");
        judged.Gaps.Should().BeEmpty();

        var noneApproved = await CollectAsync(sandbox, ScanPolicy.Default.For(sandbox));
        noneApproved.Config.Select(c => c.Region).Should().Equal(Scanned, "with no Region approved, every enabled one counts");
        noneApproved.SecurityHub.Select(h => h.Region).Should().Equal(Scanned);
    }

    private async Task<AccountInventory> CollectAsync(OrganizationAccount account, AccountPolicy policy)
    {
        var environment = new AwsEnvironment { Region = "us-east-1", EndpointUrl = moto.Endpoint, Credentials = MotoFixture.DefaultCredentials };
        using var sessions = new AccountSessionFactory(environment, ScanPolicy.DefaultAuditRoleName, null);
        var session = await sessions.ForAccountAsync(Account, default);
        var collector = new AccountCollector(new CollectionOptions { Regions = new HashSet<string>(Scanned, StringComparer.Ordinal) }, TimeProvider.System);
        var inventory = await collector.CollectAsync(session, account, default, policy);
        return inventory with
        {
            Config = [.. inventory.Config.OrderBy(c => c.Region, StringComparer.Ordinal)],
            SecurityHub = [.. inventory.SecurityHub.OrderBy(h => h.Region, StringComparer.Ordinal)],
            GuardDuty = [.. inventory.GuardDuty.OrderBy(g => g.Region, StringComparer.Ordinal)],
        };
    }
}
