using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Scanner.Aws.Collectors;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>The demo organization is what ExpectedDemoFindings says it is, read back through the scanner's own operations.</summary>
[Collection(MotoCollection.Name)]
public sealed class DemoOrganizationTests(MotoFixture moto) : IAsyncLifetime
{
    private DemoOrganizationInfo _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await moto.UseDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_account_is_active_and_named()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var parents = _demo.OrganizationalUnitIds.Values.Prepend(_demo.RootId);
        var accounts = new List<OrgAccount>();
        foreach (var parent in parents)
        {
            accounts.AddRange(await org.PaginateAsync(OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest(parent)).ToListAsync());
        }


        accounts.Select(a => a.Name).Should().BeEquivalentTo(
            ["master", "security-tooling", "log-archive", "network", "shared-services", "payments-prod", "payments-dev", "sandbox-1", DemoOrganization.LooseAccountName]);
        accounts.Should().OnlyContain(a => a.Status == "ACTIVE");
        accounts.Single(a => a.Name == "master").Id.Should().Be(_demo.AccountId("management"), because: "moto names the management account master");
        _demo.ManagementAccountId.Should().Be(MotoFixture.ManagementAccountId);
        _demo.AccountIds.Should().HaveCount(9);
    }

    [Fact]
    public async Task Guardrail_SCPs_and_delegations_are_where_the_story_puts_them()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var snapshot = await new OrganizationReader(org, iam: null).ReadAsync(default);
        OrganizationAccount Account(string name) => snapshot.Accounts.Single(a => a.Id == _demo.AccountId(name));
        string[] Policies(string name) => [.. Account(name).Guardrails!.PolicyPath.SelectMany(t => t.Policies).Select(p => p.Name)];

        Policies("sandbox-1").Should().NotContain(DemoOrganization.RegionGuardPolicyName, "Sandbox is the one OU without it")
            .And.Contain([DemoOrganization.CloudTrailProtectionPolicyName, DemoOrganization.RootGuardrailsPolicyName]);
        Policies(DemoOrganization.LooseAccountName).Should().NotContain(DemoOrganization.RegionGuardPolicyName)
            .And.Contain([DemoOrganization.CloudTrailProtectionPolicyName, DemoOrganization.RootGuardrailsPolicyName]);
        Account(DemoOrganization.LooseAccountName).OuPath.Should().BeEmpty("it sits directly under the root");
        foreach (var name in new[] { "security-tooling", "log-archive", "network", "shared-services", "payments-prod", "payments-dev" })
        {
            Policies(name).Should().Contain(DemoOrganization.RegionGuardPolicyName, $"{name}'s OU path has the Region deny");
        }

        var delegated = Account("management").Guardrails!.DelegatedAdministrators.Should().ContainSingle().Subject;
        delegated.AccountId.Should().Be(_demo.AccountId(DemoOrganization.SecurityToolingAccountName));
        delegated.ServicePrincipals.Should().BeEquivalentTo(DemoOrganization.DelegatedServices);
    }

    [Fact]
    public async Task Payments_prod_sits_in_Workloads_Production()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var workloads = (await org.PaginateAsync(OrganizationsApi.ListOrganizationalUnitsForParent, new ListOrganizationalUnitsForParentRequest(_demo.RootId)).ToListAsync())
            .Single(ou => ou.Name == "Workloads");
        var production = (await org.PaginateAsync(OrganizationsApi.ListOrganizationalUnitsForParent, new ListOrganizationalUnitsForParentRequest(workloads.Id)).ToListAsync())
            .Single(ou => ou.Name == "Production");
        var inProduction = await org.PaginateAsync(OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest(production.Id)).ToListAsync();

        inProduction.Select(a => a.Id).Should().Contain(_demo.AccountId("payments-prod"));
        var path = new List<string> { workloads.Id, production.Id };
        path.Should().Equal(_demo.OrganizationalUnitIds["Workloads"], _demo.OrganizationalUnitIds["Workloads/Production"]);
    }

    [Fact]
    public async Task Account_tags_leave_out_owner_on_network_and_cost_center_on_sandbox()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        async Task<Dictionary<string, string?>> TagsOf(string name) =>
            (await org.PaginateAsync(OrganizationsApi.ListTagsForResource, new ListTagsForResourceRequest(_demo.AccountId(name))).ToListAsync())
            .ToDictionary(t => t.Key, t => t.Value);

        (await TagsOf("network")).Keys.Should().BeEquivalentTo(["cost-center"]);
        (await TagsOf("sandbox-1")).Keys.Should().BeEquivalentTo(["owner"]);
        (await TagsOf("payments-prod")).Keys.Should().BeEquivalentTo(["owner", "cost-center"]);
        (await TagsOf("management")).Keys.Should().BeEquivalentTo(["owner", "cost-center"]);
    }

    [Fact]
    public async Task Credential_reports_show_console_and_MFA_as_seeded()
    {
        var prod = await CredentialReportAsync("payments-prod");
        prod.Should().ContainKey("alice");
        prod["alice"]["password_enabled"].Should().Be("true");
        prod["alice"]["mfa_active"].Should().Be("false");

        var dev = await CredentialReportAsync("payments-dev");
        dev["breakglass"]["password_enabled"].Should().Be("true");
        dev["breakglass"]["mfa_active"].Should().Be("true");
        dev["old-exempt"]["password_enabled"].Should().Be("false");
        dev["old-exempt"]["access_key_1_active"].Should().Be("false");

        var shared = await CredentialReportAsync("shared-services");
        shared["ci-deploy"]["password_enabled"].Should().Be("false");
        shared["ci-deploy"]["access_key_1_active"].Should().Be("true");

        (await CredentialReportAsync("security-tooling")).Should().BeEmpty();
        _demo.Resource("shared-services", "ci-deploy-key").Arn.Should().MatchRegex(
            $"^arn:aws:iam::{_demo.AccountId("shared-services")}:user/ci-deploy/access-key/AKIA[A-Z0-9]+$");
    }

    [Fact]
    public async Task Exemption_tags_are_on_the_users()
    {
        using var iam = moto.Client(IamApi.Service, credentials: await moto.AssumeAsync(_demo.AccountId("payments-dev")));
        var breakglass = await iam.PaginateAsync(IamApi.ListUserTags, new UserPageRequest("breakglass")).ToListAsync();
        breakglass.Should().Contain(new AwsTag("compliance:exempt", "iam.local-user"));
        var until = DateOnly.Parse(breakglass.Single(t => t.Key == "compliance:exempt-until").Value!, System.Globalization.CultureInfo.InvariantCulture);
        until.Should().BeAfter(DateOnly.FromDateTime(DateTime.UtcNow)).And.BeOnOrBefore(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(DemoOrganization.BreakglassExemptionDays)),
            because: "within the policy's horizon, and close enough to be called out as expiring");

        using var prod = moto.Client(IamApi.Service, credentials: await moto.AssumeAsync(_demo.AccountId("payments-prod")));
        var alice = await prod.PaginateAsync(IamApi.ListUserTags, new UserPageRequest("alice")).ToListAsync();
        alice.Should().ContainSingle().Which.Should().Be(new AwsTag("compliance:exempt", "*"), because: "a self-granted exemption with no expiry, which the policy refuses");

        var old = await iam.PaginateAsync(IamApi.ListUserTags, new UserPageRequest("old-exempt")).ToListAsync();
        old.Should().Contain(new AwsTag("compliance:exempt", "iam.local-user"));
        DateOnly.Parse(old.Single(t => t.Key == "compliance:exempt-until").Value!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeBefore(DateOnly.FromDateTime(DateTime.UtcNow));

        var keys = await iam.PaginateAsync(IamApi.ListAccessKeys, new UserPageRequest("old-exempt")).ToListAsync();
        keys.Should().ContainSingle().Which.Status.Should().Be("Inactive");
    }

    [Fact]
    public async Task Instances_are_where_the_story_puts_them()
    {
        (await InstanceNamesAsync("payments-prod", "eu-central-1")).Should().Equal("payments-batch-eu");
        (await InstanceNamesAsync("payments-prod", "us-east-1")).Should().BeEmpty();
        (await InstanceNamesAsync("sandbox-1", "us-east-1")).Should().Equal("sandbox-experiment");
        (await InstanceNamesAsync("management", "us-east-1")).Should().Equal("legacy-reporting");
        _demo.Resource("payments-prod", "payments-batch-eu").Arn.Should().StartWith($"arn:aws:ec2:eu-central-1:{_demo.AccountId("payments-prod")}:instance/i-");
    }

    [Fact]
    public async Task The_payments_function_lacks_cost_center()
    {
        var credentials = await moto.AssumeAsync(_demo.AccountId("payments-prod"));
        using var lambda = moto.Client(LambdaApi.Service, credentials: credentials);
        var functions = await lambda.PaginateAsync(LambdaApi.ListFunctions, new ListFunctionsRequest()).ToListAsync();
        functions.Should().ContainSingle().Which.FunctionName.Should().Be("payments-api");

        using var tagging = moto.Client(TaggingApi.Service, credentials: credentials);
        var mappings = await tagging.PaginateAsync(TaggingApi.GetResources, new GetResourcesRequest()).ToListAsync();
        var function = mappings.Single(m => m.ResourceARN == _demo.Resource("payments-prod", "payments-api").Arn);
        function.Tags!.Select(t => t.Key).Should().BeEquivalentTo(["owner"]);
    }

    [Fact]
    public async Task The_organization_trail_logs_without_validation()
    {
        using var cloudTrail = moto.Client(CloudTrailApi.Service);
        var trail = (await cloudTrail.SendAsync(CloudTrailApi.DescribeTrails, new DescribeTrailsRequest(true), default)).TrailList!.Single();
        trail.Name.Should().Be(DemoOrganization.TrailName);
        trail.TrailArn.Should().Be(_demo.TrailArn);
        trail.IsOrganizationTrail.Should().BeTrue();
        trail.IsMultiRegionTrail.Should().BeTrue();
        trail.LogFileValidationEnabled.Should().BeFalse();
        trail.S3BucketName.Should().Be(DemoOrganization.TrailBucket);
        (await cloudTrail.SendAsync(CloudTrailApi.GetTrailStatus, new GetTrailStatusRequest(trail.Name), default)).IsLogging.Should().BeTrue();
    }

    [Fact]
    public async Task Security_Hub_is_off_only_in_sandbox_1()
    {
        foreach (var (name, id) in _demo.AccountIds)
        {
            var credentials = name == "management" ? MotoFixture.DefaultCredentials : await moto.AssumeAsync(id);
            foreach (var region in _demo.SecurityHubRegions)
            {
                using var hub = moto.Client(SecurityHubApi.Service, region, credentials);
                var describe = () => hub.SendAsync(SecurityHubApi.DescribeHub, new DescribeHubRequest(), default);
                if (name == "sandbox-1")
                {
                    var error = (await describe.Should().ThrowAsync<AwsServiceException>()).Which;
                    error.ErrorCode.Should().Be("InvalidAccessException");
                    error.Kind.Should().Be(AwsErrorKind.NotEnabled);
                }
                else
                {
                    (await describe()).HubArn.Should().Contain(id, because: $"{name} has Security Hub on in {region}");
                }
            }
        }
    }

    [Fact]
    public void The_policy_parses_and_spares_the_sandbox_the_cost_center_tag()
    {
        var policy = PolicyLoader.Parse(_demo.PolicyYaml, "demo policy");
        policy.ApprovedRegions.Should().BeEquivalentTo(["us-east-1", "eu-west-1"]);
        policy.RequiredTags.Should().BeEquivalentTo(["owner", "cost-center"]);

        var sandbox = new OrganizationAccount
        {
            Id = _demo.AccountId("sandbox-1"),
            OuPath = [new OrganizationalUnit(_demo.OrganizationalUnitIds["Sandbox"], "Sandbox")],
        };
        policy.For(sandbox).RequiredTags.Should().BeEquivalentTo(["owner"]);
        var prod = new OrganizationAccount
        {
            Id = _demo.AccountId("payments-prod"),
            OuPath = [new OrganizationalUnit(_demo.OrganizationalUnitIds["Workloads"], "Workloads"),
                new OrganizationalUnit(_demo.OrganizationalUnitIds["Workloads/Production"], "Production")],
        };
        policy.For(prod).ApprovedRegions.Should().NotContain("eu-central-1");
    }

    [Fact]
    public void Every_expected_finding_names_a_check_in_the_catalog()
    {
        foreach (var expected in ExpectedDemoFindings.Failed.Concat(ExpectedDemoFindings.Exempted).Concat(ExpectedDemoFindings.MustNotFail))
        {
            CheckCatalog.Find(expected.CheckId).Should().NotBeNull(because: $"{expected.CheckId} is expected of the demo");
        }
    }

    [Fact]
    public void Every_expected_finding_names_a_seeded_resource()
    {
        foreach (var expected in ExpectedDemoFindings.Failed.Concat(ExpectedDemoFindings.Exempted).Concat(ExpectedDemoFindings.MustNotFail))
        {
            _demo.AccountIds.Should().ContainKey(expected.AccountName);
            _demo.Resources.Should().Contain(r => r.AccountName == expected.AccountName && r.Name == expected.ResourceName,
                because: $"{expected.CheckId} names {expected.ResourceName} in {expected.AccountName}");
        }
    }

    private async Task<Dictionary<string, Dictionary<string, string>>> CredentialReportAsync(string accountName)
    {
        using var iam = moto.Client(IamApi.Service, credentials: await moto.AssumeAsync(_demo.AccountId(accountName)));
        await iam.SendAsync(IamApi.GenerateCredentialReport, new EmptyRequest(), default);
        var report = await iam.SendAsync(IamApi.GetCredentialReport, new EmptyRequest(), default);
        var lines = Encoding.UTF8.GetString(Convert.FromBase64String(report.Content!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v))
            .ToDictionary(r => r["user"]);
    }

    private async Task<List<string>> InstanceNamesAsync(string accountName, string region)
    {
        var credentials = accountName == "management" ? MotoFixture.DefaultCredentials : await moto.AssumeAsync(_demo.AccountId(accountName));
        using var ec2 = new AmazonEC2Client(credentials, new AmazonEC2Config { ServiceURL = moto.Endpoint, AuthenticationRegion = region });
        var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        return [.. (response.Reservations ?? []).SelectMany(r => r.Instances ?? [])
            .Select(i => i.Tags?.FirstOrDefault(t => t.Key == "Name")?.Value ?? i.InstanceId)];
    }
}
