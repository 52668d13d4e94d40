using Scanner.Aws.Collectors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Core.Resources;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>
/// The demo organization's management account holds a realistic baseline (two CloudFormation stacks and a StackSet, a
/// KMS key, the organization trail with its bucket and log group, the Cost and Usage Report bucket, SAM's artifact
/// bucket, an SNS alert topic, the scanner's own stack and its functions) and its one planted workload, an EC2 instance.
/// Here a Lambda function outside any baseline stack, an RDS instance and a DynamoDB table join it: each workload is
/// found, and nothing of the baseline is.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ManagementAccountBaselineTests(MotoFixture moto) : IAsyncLifetime
{
    private const string Region = DemoOrganization.HomeRegion;
    private const string Account = MotoFixture.ManagementAccountId;

    private AccountInventory _inventory = null!;
    private IReadOnlyList<CheckResult> _results = [];

    public async Task InitializeAsync()
    {
        await moto.UseStateAsync("demo with management workloads", async f =>
        {
            var demo = await DemoOrganization.SeedAsync(f.Endpoint, CancellationToken.None);
            await AddWorkloadsAsync(f);
            return demo;
        });

        var environment = new AwsEnvironment { Region = Region, EndpointUrl = moto.Endpoint, Credentials = MotoFixture.DefaultCredentials };
        using var session = new AccountSession(Account, MotoFixture.DefaultCredentials, environment);
        var account = new OrganizationAccount { Id = Account, Name = "management", IsManagementAccount = true };
        var options = new CollectionOptions { Regions = new HashSet<string>(StringComparer.Ordinal) { Region } };
        _inventory = await new AccountCollector(options, TimeProvider.System).CollectAsync(session, account, CancellationToken.None);
        var policy = PolicyLoader.Parse(DemoOrganization.PolicyYaml, "demo policy");
        _results = [.. new ManagementAccountWorkloadCheck().Evaluate(_inventory, policy.For(account))];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void The_baseline_was_collected_so_there_is_something_to_judge()
    {
        var stacks = _inventory.Resources.Where(r => r.Type == ResourceTypeRegistry.CloudFormationStack).Select(r => r.Id);
        stacks.Should().Contain(["org-baseline", "billing-alerts", DemoOrganization.ScannerStackName]);
        _inventory.Resources.Where(r => r.Source == DataSource.Lambda && r.Tags.GetValueOrDefault("aws:cloudformation:stack-name") == DemoOrganization.ScannerStackName)
            .Should().HaveCount(2, "the scanner's two functions");
        _inventory.Resources.Select(r => r.Type.Name).Should().Contain(["AWS::KMS::Key", "AWS::SNS::Topic"]);
    }

    [Fact]
    public void Each_workload_is_found_and_nothing_of_the_baseline()
    {
        _results.Should().OnlyContain(r => r.Status == CheckStatus.Failed && r.Severity == Severity.High);
        _results.Select(r => r.Title).Should().BeEquivalentTo(
            $"EC2 instance '{_inventory.Resources.Single(r => r.Type == ResourceTypeRegistry.Ec2Instance).Id}' runs in the management account {Account}",
            $"Lambda function 'payments-export' runs in the management account {Account}",
            $"RDS DB instance 'orders-db' runs in the management account {Account}",
            $"DynamoDB table 'orders' runs in the management account {Account}");
    }

    [Fact]
    public void The_lambda_finding_carries_its_runtime_and_role()
    {
        var function = _results.Single(r => r.ResourceType == "AwsLambdaFunction");

        var details = function.ResourceDetails.Should().BeOfType<LambdaFunctionDetails>().Subject;
        details.Runtime.Should().Be("python3.12");
        details.Role.Should().Be($"arn:aws:iam::{Account}:role/payments-export-role");
    }

    [Fact]
    public async Task Published_findings_carry_the_instance_and_function_details_when_read_back_from_Security_Hub()
    {
        var environment = new AwsEnvironment { Region = Region, EndpointUrl = moto.Endpoint, Credentials = MotoFixture.DefaultCredentials };
        using var session = new AccountSession(Account, MotoFixture.DefaultCredentials, environment);
        var instance = _inventory.Resources.Single(r => r.Type == ResourceTypeRegistry.Ec2Instance);
        var launched = instance.Details.Should().BeOfType<Ec2InstanceDetails>().Subject;

        var outcome = await new SecurityHubPublisher().PublishAsync(session, Account, Region, _results,
            new HashSet<string>(StringComparer.Ordinal) { ManagementAccountWorkloadCheck.Definition.Id }, [], CancellationToken.None);
        using var hub = session.Client(SecurityHubApi.Service, Region);
        var published = await hub.PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(new AsffFilters())).ToListAsync();

        outcome.Succeeded.Should().BeTrue();
        outcome.Created.Should().Be(_results.Count);
        var resources = published.Where(f => f.GeneratorId == ManagementAccountWorkloadCheck.Definition.Id).SelectMany(f => f.Resources ?? []).ToList();
        var ec2 = resources.Should().ContainSingle(r => r.Type == "AwsEc2Instance").Subject.Details!.AwsEc2Instance!;
        ec2.Type.Should().Be(launched.InstanceType).And.NotBeNullOrEmpty();
        ec2.ImageId.Should().Be(launched.ImageId).And.NotBeNullOrEmpty();
        ec2.LaunchedAt.Should().NotBeNullOrEmpty();
        DateTimeOffset.Parse(ec2.LaunchedAt!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(launched.LaunchedAt!.Value);
        var function = resources.Should().ContainSingle(r => r.Type == "AwsLambdaFunction").Subject.Details!.AwsLambdaFunction!;
        function.FunctionName.Should().Be("payments-export");
        function.Runtime.Should().Be("python3.12");
        function.Role.Should().Be($"arn:aws:iam::{Account}:role/payments-export-role");
        function.Handler.Should().Be("index.handler");
    }

    private static async Task AddWorkloadsAsync(MotoFixture f)
    {
        var ct = CancellationToken.None;
        using var iam = f.Client(IamApi.Service, Region);
        var role = (await iam.SendAsync(SeedOperations.CreateRole, new CreateRoleRequest("payments-export-role",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""), ct)).Role;
        using var lambda = f.Client(LambdaApi.Service, Region);
        await lambda.SendAsync(SeedOperations.CreateFunction, new CreateFunctionRequest(
            "payments-export", "python3.12", role.Arn, "index.handler", new LambdaCode(HandlerZip()),
            Tags: new Dictionary<string, string>(StringComparer.Ordinal) { ["owner"] = "payments-team", ["cost-center"] = "cc-2001" }), ct);
        using var dynamo = f.Client(SeedOperations.DynamoDbService, Region);
        await dynamo.SendAsync(SeedOperations.CreateTable, new CreateTableRequest(
            "orders", [new AttributeDefinition("id", "S")], [new KeySchemaElement("id", "HASH")], "PAY_PER_REQUEST",
            [new AwsTag("owner", "payments-team"), new AwsTag("cost-center", "cc-2001")]), ct);
        using var rds = f.Client(SeedOperations.RdsService, Region);
        await rds.SendAsync(SeedOperations.CreateDbInstance, new CreateDbInstanceRequest(
            "orders-db", "db.t3.micro", "postgres", "orders", "not-a-secret-1", 20, "owner", "payments-team"), ct);
    }

    private static byte[] HandlerZip()
    {
        using var buffer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("index.py").Open());
            writer.Write("def handler(event, context):\n    return {}\n");
        }

        return buffer.ToArray();
    }
}
