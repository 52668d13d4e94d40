using Scanner.Aws.Collectors;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>
/// config.recorder against the three recording groups botocore's config model allows (allSupported; resourceTypes under
/// INCLUSION_BY_RESOURCE_TYPES; exclusionByResourceTypes under EXCLUSION_BY_RESOURCE_TYPES), put into moto, read back by the
/// production collector and judged with and without the policy's configResourceTypes.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ConfigRecorderCoverageMotoTests(MotoFixture moto)
{
    private const string Account = "777788880015";

    private static readonly RecordingGroup Everything = new(true, true);

    private static readonly RecordingGroup Inclusion = new(false, false,
        ResourceTypes: ["AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::IAM::Role"],
        RecordingStrategy: new ConfigRecordingStrategy("INCLUSION_BY_RESOURCE_TYPES"));

    private static readonly RecordingGroup Exclusion = new(false, false,
        ExclusionByResourceTypes: new ConfigExclusionByResourceTypes(["AWS::EC2::NetworkInterface", "AWS::S3::Bucket"]),
        RecordingStrategy: new ConfigRecordingStrategy("EXCLUSION_BY_RESOURCE_TYPES"));

    /// <summary>Region → recording group: one recorder per Region, as Config allows.</summary>
    private static readonly (string Region, RecordingGroup Group)[] Recorders =
        [("us-east-1", Everything), ("eu-west-1", Inclusion), ("eu-central-1", Exclusion)];

    [Fact]
    public async Task Each_recording_group_is_judged_against_what_the_policy_requires()
    {
        var inventory = await CollectAsync();
        var recorders = inventory.Config.ToDictionary(c => c.Region, c => c.Recorders.Single());
        recorders["eu-west-1"].ResourceTypes.Should().Equal(["AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::IAM::Role"], "moto hands back the inclusion list");
        recorders["eu-central-1"].RecordingStrategy.Should().Be("EXCLUSION_BY_RESOURCE_TYPES");
        recorders["eu-central-1"].ExcludedResourceTypes.Should().Equal(["AWS::EC2::NetworkInterface", "AWS::S3::Bucket"]);

        // No types named: only a recorder of every supported type passes.
        var everything = Judge(inventory, []);
        everything["us-east-1"].Status.Should().Be(CheckStatus.Passed);
        everything["eu-west-1"].Should().Match<CheckResult>(r => r.Status == CheckStatus.Failed && r.Severity == Severity.Medium);
        everything["eu-west-1"].Title.Should().Be("AWS Config in eu-west-1 records only 3 resource types");
        everything["eu-central-1"].Title.Should().Be("AWS Config in eu-central-1 excludes 2 resource types from recording (AWS::EC2::NetworkInterface, AWS::S3::Bucket)");

        // The types the policy needs are recorded everywhere: every Region passes, and says it records what is required.
        var covered = Judge(inventory, ["AWS::EC2::Instance", "AWS::IAM::Role"]);
        covered.Values.Should().OnlyContain(r => r.Status == CheckStatus.Passed);
        covered["eu-west-1"].Title.Should().Be("AWS Config is recording the required resource types in eu-west-1");
        covered["us-east-1"].Title.Should().Be("AWS Config is recording all resources in us-east-1");

        // A required type left out of the inclusion list, and one excluded: each Region names its own.
        var missing = Judge(inventory, ["AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::RDS::DBInstance"]);
        missing["us-east-1"].Status.Should().Be(CheckStatus.Passed);
        missing["eu-west-1"].Title.Should().Be("AWS Config in eu-west-1 does not record 1 resource type the policy requires (AWS::RDS::DBInstance)");
        missing["eu-central-1"].Title.Should().Be("AWS Config in eu-central-1 does not record 1 resource type the policy requires (AWS::S3::Bucket)");
        missing["eu-central-1"].Severity.Should().Be(Severity.Medium, "it records, just not everything required");
    }

    private static Dictionary<string, CheckResult> Judge(AccountInventory inventory, IReadOnlyList<string> required)
    {
        var policy = ScanPolicy.Default with
        {
            ApprovedRegions = [.. Recorders.Select(r => r.Region)],
            EnabledChecks = [ConfigRecorderCheck.Definition.Id],
            ConfigResourceTypes = required,
        };
        return Evaluator.Run(inventory, policy).Results.ToDictionary(r => r.Region);
    }

    private async Task<AccountInventory> CollectAsync()
    {
        var credentials = await moto.AssumeAsync(Account);
        foreach (var (region, group) in Recorders)
        {
            using var config = moto.Client(ConfigServiceApi.Service, region, credentials);
            await config.SendAsync(SeedOperations.PutConfigurationRecorder, new PutConfigurationRecorderRequest(
                new ConfigurationRecorderInput("default", $"arn:aws:iam::{Account}:role/config-recorder", group)), default);
            await config.SendAsync(SeedOperations.PutDeliveryChannel, new PutDeliveryChannelRequest(new DeliveryChannelInput("default", "config-bucket")), default);
            await config.SendAsync(SeedOperations.StartConfigurationRecorder, new RecorderNameRequest("default"), default);
        }

        var environment = new AwsEnvironment { Region = "us-east-1", EndpointUrl = moto.Endpoint, Credentials = MotoFixture.DefaultCredentials };
        using var sessions = new AccountSessionFactory(environment, ScanPolicy.DefaultAuditRoleName, null);
        var session = await sessions.ForAccountAsync(Account, default);
        var collector = new AccountCollector(new CollectionOptions { Regions = new HashSet<string>(Recorders.Select(r => r.Region), StringComparer.Ordinal) }, TimeProvider.System);
        var inventory = await collector.CollectAsync(session, new OrganizationAccount { Id = Account, Name = "config-coverage" }, default);
        inventory.Gaps.Where(g => g.Service == DataSource.Config).Should().BeEmpty();
        return inventory;
    }
}
