using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>
/// The regional reads (CloudTrail, Security Hub, Config, Tagging, EC2, Lambda) against the demo organization.
/// Tests that write use accounts outside the demo, one account per test, so the demo's story stays as seeded.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RegionalServicesIntegrationTests(MotoFixture moto) : IAsyncLifetime
{
    private DemoOrganizationInfo _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await moto.UseDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DescribeTrails_shows_the_organization_trail_as_a_shadow_in_other_regions()
    {
        using var cloudTrail = moto.Client(CloudTrailApi.Service, "eu-west-1");
        var trails = (await cloudTrail.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(IncludeShadowTrails: true), default)).TrailList;

        var trail = trails.Should().ContainSingle().Subject;
        trail.TrailArn.Should().Be(_demo.TrailArn);
        trail.HomeRegion.Should().Be("us-east-1");
        trail.IncludeGlobalServiceEvents.Should().BeTrue();
        trail.KmsKeyId.Should().BeNull();

        // A shadow trail's status is read by its ARN, from any region.
        (await cloudTrail.SendAsync(CloudTrailApi.GetTrailStatus, new GetTrailStatusRequest(trail.TrailArn), default)).IsLogging.Should().BeTrue();
    }

    [Fact]
    public async Task GetTrailStatus_follows_StopLogging_and_StartLogging()
    {
        using var cloudTrail = moto.Client(CloudTrailApi.Service);
        try
        {
            await cloudTrail.SendAsync(SeedOperations.StopLogging, new TrailNameRequest(DemoOrganization.TrailName), default);
            (await cloudTrail.SendAsync(CloudTrailApi.GetTrailStatus, new GetTrailStatusRequest(DemoOrganization.TrailName), default)).IsLogging.Should().BeFalse();
        }
        finally
        {
            await cloudTrail.SendAsync(SeedOperations.StartLogging, new TrailNameRequest(DemoOrganization.TrailName), default);
        }

        (await cloudTrail.SendAsync(CloudTrailApi.GetTrailStatus, new GetTrailStatusRequest(DemoOrganization.TrailName), default)).IsLogging.Should().BeTrue();
    }

    [Fact]
    public async Task Member_accounts_do_not_see_the_organization_trail_in_moto()
    {
        // In AWS every member account sees the organization trail (includeShadowTrails); moto keeps trails per account.
        // The organization-trail check reads the management account only, so the demo does not depend on it.
        using var cloudTrail = moto.Client(CloudTrailApi.Service, credentials: await moto.AssumeAsync(_demo.AccountId("payments-prod")));
        var trails = (await cloudTrail.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default)).TrailList;
        (trails ?? []).Should().BeEmpty();
    }

    [Fact]
    public async Task Security_Hub_imports_and_pages_findings()
    {
        const string account = "666677778888";
        var credentials = await moto.AssumeAsync(account);
        using var hub = moto.Client(SecurityHubApi.Service, credentials: credentials);
        await hub.SendAsync(SeedOperations.EnableSecurityHub, new EnableSecurityHubRequest(), default);
        var product = $"arn:aws:securityhub:us-east-1:{account}:product/{account}/default";

        var import = await hub.SendAsync(SecurityHubApi.BatchImportFindings, new BatchImportFindingsRequest(
        [
            Finding("a", account, product, "ACTIVE", "first"),
            Finding("b", account, product, "ARCHIVED", "archived"),
            Finding("c", "111111111111", "arn:aws:securityhub:us-east-1::product/other/tool", "ACTIVE", "someone else's"),
        ]), default);
        import.SuccessCount.Should().Be(3);
        import.FailedCount.Should().Be(0);

        var filters = new AsffFilters
        {
            ProductArn = [new StringFilter(product)],
            AwsAccountId = [new StringFilter(account)],
            RecordState = [new StringFilter("ACTIVE")],
            GeneratorId = [new StringFilter("no-such-generator")],
        };
        var pages = await Paginator.PagesAsync(r => hub.SendAsync(SecurityHubApi.GetFindings.Operation, r, default), SecurityHubApi.GetFindings,
            new GetFindingsRequest(filters, MaxResults: 1)).ToListAsync();
        var found = pages.SelectMany(p => p.Findings ?? []).ToList();

        // moto 5.2 honours MaxResults and NextToken but no filter at all: every finding of the account and region comes back.
        pages.Should().HaveCountGreaterThanOrEqualTo(3);
        found.Select(f => f.Id).Should().BeEquivalentTo(["a", "b", "c"]);
        found.Single(f => f.Id == "a").Resources.Should().ContainSingle().Which.Id.Should().Be("arn:aws:iam::666677778888:user/alice");

        // Re-importing an id updates the finding in place.
        await hub.SendAsync(SecurityHubApi.BatchImportFindings, new BatchImportFindingsRequest([Finding("a", account, product, "ARCHIVED", "updated")]), default);
        var again = await hub.PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(new AsffFilters())).ToListAsync();
        again.Should().HaveCount(3);
        again.Single(f => f.Id == "a").Should().Match<AsffFinding>(f => f.Title == "updated" && f.RecordState == "ARCHIVED");

        // Findings are kept per account and region.
        using var otherRegion = moto.Client(SecurityHubApi.Service, "eu-west-1", credentials);
        (await otherRegion.PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(new AsffFilters())).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Config_recorders_and_their_status()
    {
        const string account = "777788889999";
        using var config = moto.Client(ConfigServiceApi.Service, "eu-west-1", await moto.AssumeAsync(account));
        (await config.SendAsync(ConfigServiceApi.DescribeConfigurationRecorders, new EmptyRequest(), default)).ConfigurationRecorders.Should().BeEmpty();
        (await config.SendAsync(ConfigServiceApi.DescribeConfigurationRecorderStatus, new EmptyRequest(), default)).ConfigurationRecordersStatus.Should().BeEmpty();

        await config.SendAsync(SeedOperations.PutConfigurationRecorder, new PutConfigurationRecorderRequest(
            new ConfigurationRecorderInput("default", $"arn:aws:iam::{account}:role/config-recorder", new RecordingGroup(true, true))), default);

        var recorder = (await config.SendAsync(ConfigServiceApi.DescribeConfigurationRecorders, new EmptyRequest(), default)).ConfigurationRecorders
            .Should().ContainSingle().Subject;
        recorder.Name.Should().Be("default");
        recorder.RoleArn.Should().Be($"arn:aws:iam::{account}:role/config-recorder");
        recorder.RecordingGroup.Should().Match<ConfigRecordingGroup>(g => g.AllSupported == true && g.IncludeGlobalResourceTypes == true);
        (await config.SendAsync(ConfigServiceApi.DescribeConfigurationRecorderStatus, new EmptyRequest(), default)).ConfigurationRecordersStatus
            .Should().ContainSingle().Which.Should().Match<ConfigurationRecorderStatus>(s => s.Name == "default" && !s.Recording);
    }

    [Fact]
    public async Task GetResources_lists_tagged_resources_per_region()
    {
        var credentials = await moto.AssumeAsync(_demo.AccountId("payments-prod"));
        using var tagging = moto.Client(TaggingApi.Service, "eu-central-1", credentials);
        var resources = await tagging.PaginateAsync(TaggingApi.GetResources, new GetResourcesRequest()).ToListAsync();

        var instance = resources.Should().ContainSingle().Subject;
        instance.ResourceARN.Should().Be(_demo.Resource("payments-prod", "payments-batch-eu").Arn);
        instance.Tags.Should().BeEquivalentTo([new AwsTag("Name", "payments-batch-eu"), new AwsTag("owner", "payments-team"), new AwsTag("cost-center", "cc-2001")]);

        using var home = moto.Client(TaggingApi.Service, "us-east-1", credentials);
        (await home.PaginateAsync(TaggingApi.GetResources, new GetResourcesRequest()).ToListAsync())
            .Select(r => r.ResourceARN).Should().Equal(_demo.Resource("payments-prod", "payments-api").Arn);
    }

    [Fact]
    public async Task GetResources_follows_pagination_tokens()
    {
        var credentials = await moto.AssumeAsync("555566667777");
        using var ec2 = Ec2(credentials, "eu-west-1");
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"] })).Images[0].ImageId;
        for (var i = 0; i < 3; i++)
        {
            await ec2.RunInstancesAsync(new RunInstancesRequest
            {
                ImageId = image, MinCount = 1, MaxCount = 1,
                TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Amazon.EC2.Model.Tag("Name", $"paged-{i}")] }],
            });
        }

        using var tagging = moto.Client(TaggingApi.Service, "eu-west-1", credentials);
        var pages = await Paginator.PagesAsync(r => tagging.SendAsync(TaggingApi.GetResources.Operation, r, default), TaggingApi.GetResources,
            new GetResourcesRequest(ResourcesPerPage: 1)).ToListAsync();

        pages.Count.Should().BeGreaterThanOrEqualTo(3);
        pages.SelectMany(p => p.ResourceTagMappingList ?? []).Select(m => m.Tags!.Single().Value)
            .Should().BeEquivalentTo(["paged-0", "paged-1", "paged-2"]);
    }

    [Fact]
    public async Task DescribeRegions_reports_opt_in_status()
    {
        using var ec2 = Ec2(MotoFixture.DefaultCredentials, "us-east-1");
        var all = (await ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = true })).Regions;

        all.Single(r => r.RegionName == "us-east-1").OptInStatus.Should().Be("opt-in-not-required");
        all.Single(r => r.RegionName == "eu-west-1").OptInStatus.Should().Be("opt-in-not-required");
        all.Single(r => r.RegionName == "ap-east-1").OptInStatus.Should().Be("not-opted-in");
        all.Single(r => r.RegionName == "me-south-1").OptInStatus.Should().Be("not-opted-in");

        // moto 5.2: no region is ever "opted-in" (nothing can opt in: no account:EnableRegion, no ModifyAvailabilityZoneGroup
        // for regions), AllRegions=false still lists the not-opted-in regions, and the statuses are fixed per region.
        all.Should().NotContain(r => r.OptInStatus == "opted-in");
        var enabledOnly = (await ec2.DescribeRegionsAsync(new DescribeRegionsRequest { AllRegions = false })).Regions;
        enabledOnly.Should().Contain(r => r.RegionName == "ap-east-1" && r.OptInStatus == "not-opted-in");
    }

    [Fact]
    public async Task DescribeInstances_in_a_member_account_and_region()
    {
        using var ec2 = Ec2(await moto.AssumeAsync(_demo.AccountId("payments-prod")), "eu-central-1");
        var instances = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest())).Reservations.SelectMany(r => r.Instances).ToList();

        var instance = instances.Should().ContainSingle().Subject;
        instance.State.Name.Value.Should().Be("running");
        instance.Placement.AvailabilityZone.Should().StartWith("eu-central-1");
        instance.Tags.Should().Contain(t => t.Key == "Name" && t.Value == "payments-batch-eu");
        _demo.Resource("payments-prod", "payments-batch-eu").Arn.Should().EndWith(instance.InstanceId);
    }

    [Fact]
    public async Task ListFunctions_per_account_and_region()
    {
        var credentials = await moto.AssumeAsync(_demo.AccountId("payments-prod"));
        using var lambda = moto.Client(LambdaApi.Service, credentials: credentials);
        var functions = await lambda.PaginateAsync(LambdaApi.ListFunctions, new ListFunctionsRequest(MaxItems: 1)).ToListAsync();

        var function = functions.Should().ContainSingle().Subject;
        function.FunctionName.Should().Be("payments-api");
        function.FunctionArn.Should().Be(_demo.Resource("payments-prod", "payments-api").Arn);
        function.Runtime.Should().Be("python3.12");
        function.LastModified.Should().NotBeNullOrEmpty();
        function.Description.Should().Contain("cost-center");

        using var elsewhere = moto.Client(LambdaApi.Service, "eu-west-1", credentials);
        (await elsewhere.PaginateAsync(LambdaApi.ListFunctions, new ListFunctionsRequest()).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ListFunctions_ignores_MaxItems_in_moto()
    {
        const string account = "888899990000";
        var credentials = await moto.AssumeAsync(account);
        using var iam = moto.Client(IamApi.Service, credentials: credentials);
        var role = (await iam.SendAsync(SeedOperations.CreateRole, new CreateRoleRequest("fn", "{}"), default)).Role.Arn;
        using var lambda = moto.Client(LambdaApi.Service, credentials: credentials);
        for (var i = 0; i < 3; i++)
        {
            await lambda.SendAsync(SeedOperations.CreateFunction, new CreateFunctionRequest($"fn-{i}", "python3.12", role, "index.handler", new LambdaCode([0x50, 0x4b, 0x05, 0x06, .. new byte[18]])), default);
        }

        var pages = await Paginator.PagesAsync(r => lambda.SendAsync(LambdaApi.ListFunctions.Operation, r, default), LambdaApi.ListFunctions,
            new ListFunctionsRequest(MaxItems: 1)).ToListAsync();

        // moto answers every function in one page without NextMarker; Marker handling is covered on recorded payloads.
        pages.Should().ContainSingle();
        pages[0].Functions!.Select(f => f.FunctionName).Should().BeEquivalentTo(["fn-0", "fn-1", "fn-2"]);
    }

    private AmazonEC2Client Ec2(AWSCredentials credentials, string region) =>
        new(credentials, new AmazonEC2Config { ServiceURL = moto.Endpoint, AuthenticationRegion = region });

    private static AsffFinding Finding(string id, string account, string product, string recordState, string title) => new()
    {
        SchemaVersion = "2018-10-08",
        Id = id,
        ProductArn = product,
        GeneratorId = "iam.local-user",
        AwsAccountId = account,
        Types = ["Software and Configuration Checks/AWS Security Best Practices"],
        CreatedAt = "2024-01-01T00:00:00.000Z",
        UpdatedAt = "2024-01-02T00:00:00.000Z",
        Severity = new AsffSeverity("HIGH"),
        Title = title,
        Description = "test",
        Resources = [new AsffResource { Type = "AwsIamUser", Id = $"arn:aws:iam::{account}:user/alice" }],
        RecordState = recordState,
    };
}
