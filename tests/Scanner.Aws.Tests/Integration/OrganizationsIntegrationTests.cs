using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>Every Organizations read the scanner makes, against an organization of 45 accounts.</summary>
[Collection(MotoCollection.Name)]
public sealed class OrganizationsIntegrationTests(MotoFixture moto) : IAsyncLifetime
{
    private const string Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"ec2:RunInstances","Resource":"*"}]}""";

    private Seeded _org = null!;

    public async Task InitializeAsync() => _org = await moto.UseStateAsync("organizations-45", SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DescribeOrganization_names_the_management_account()
    {
        using var org = moto.Client(OrganizationsApi.Service, "eu-west-1");
        var organization = (await org.SendAsync(OrganizationsApi.DescribeOrganization, new EmptyRequest(), default)).Organization;

        organization.Id.Should().Be(_org.OrganizationId).And.StartWith("o-");
        organization.MasterAccountId.Should().Be(MotoFixture.ManagementAccountId);
        organization.FeatureSet.Should().Be("ALL");
        organization.Arn.Should().StartWith("arn:aws:organizations::123456789012:organization/");
    }

    [Fact]
    public async Task DescribeOrganization_outside_an_organization_is_not_enabled()
    {
        using var org = moto.Client(OrganizationsApi.Service, credentials: await moto.AssumeAsync("210987654321"));

        var error = (await FluentActions.Awaiting(() => org.SendAsync(OrganizationsApi.DescribeOrganization, new EmptyRequest(), default))
            .Should().ThrowAsync<AwsServiceException>()).Which;

        error.ErrorCode.Should().Be("AWSOrganizationsNotInUseException");
        error.Kind.Should().Be(AwsErrorKind.NotEnabled);
        error.StatusCode.Should().Be(400);
        error.RequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ListAccountsForParent_follows_every_page()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var pages = await Paginator.PagesAsync(
            r => org.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, r, default), OrganizationsApi.ListAccountsForParent,
            new ListAccountsForParentRequest(_org.RootId, MaxResults: 10)).ToListAsync();

        pages.Should().HaveCount(5);
        pages.Take(4).Should().OnlyContain(p => p.Accounts!.Count == 10 && p.NextToken != null);
        var atRoot = pages.SelectMany(p => p.Accounts!).ToList();
        atRoot.Should().HaveCount(44, "every account but the one moved to Production");
        atRoot.Select(a => a.Id).Should().OnlyHaveUniqueItems().And.Contain(MotoFixture.ManagementAccountId).And.NotContain(_org.ProductionAccount);
        atRoot.Should().OnlyContain(a => a.Status == "ACTIVE" && a.JoinedTimestamp != null && a.Arn.StartsWith("arn:aws:organizations::", StringComparison.Ordinal));

        (await org.PaginateAsync(OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest(_org.RootId, MaxResults: 7)).CountAsync()).Should().Be(44);
    }

    [Fact]
    public async Task ListRoots_gives_the_one_root()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var root = (await org.PaginateAsync(OrganizationsApi.ListRoots, new ListRootsRequest()).ToListAsync()).Should().ContainSingle().Subject;

        root.Id.Should().Be(_org.RootId).And.StartWith("r-");
        root.Name.Should().Be("Root");
    }

    [Fact]
    public async Task ListOrganizationalUnitsForParent_walks_the_tree()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var top = await org.PaginateAsync(OrganizationsApi.ListOrganizationalUnitsForParent, new ListOrganizationalUnitsForParentRequest(_org.RootId)).ToListAsync();
        top.Select(o => o.Name).Should().BeEquivalentTo(["Security", "Workloads"]);

        var workloads = top.Single(o => o.Name == "Workloads");
        var below = await org.PaginateAsync(OrganizationsApi.ListOrganizationalUnitsForParent, new ListOrganizationalUnitsForParentRequest(workloads.Id)).ToListAsync();
        below.Should().ContainSingle().Which.Should().Be(new OrgUnit(_org.ProductionOu, below[0].Arn, "Production"));
        below[0].Arn.Should().Contain(_org.ProductionOu);
    }

    [Fact]
    public async Task ListAccountsForParent_places_each_account_in_its_OU()
    {
        using var org = moto.Client(OrganizationsApi.Service);

        var inProduction = await org.PaginateAsync(OrganizationsApi.ListAccountsForParent, new ListAccountsForParentRequest(_org.ProductionOu)).ToListAsync();

        inProduction.Select(a => a.Id).Should().Equal(_org.ProductionAccount);
    }

    [Fact]
    public async Task ListAccountsForParent_of_an_unknown_OU_is_not_found()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var error = (await FluentActions.Awaiting(() => org.SendAsync(OrganizationsApi.ListAccountsForParent.Operation, new ListAccountsForParentRequest("ou-ab12-cd34ef56"), default))
            .Should().ThrowAsync<AwsServiceException>()).Which;

        error.ErrorCode.Should().Be("ParentNotFoundException");
        error.Kind.Should().Be(AwsErrorKind.NotFound);
    }

    [Fact]
    public async Task ListTagsForResource_reads_account_tags()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var tags = await org.PaginateAsync(OrganizationsApi.ListTagsForResource, new ListTagsForResourceRequest(_org.ProductionAccount)).ToListAsync();
        tags.Should().BeEquivalentTo([new AwsTag("owner", "payments-team"), new AwsTag("cost-center", "cc-2001")]);

        (await org.PaginateAsync(OrganizationsApi.ListTagsForResource, new ListTagsForResourceRequest(_org.OtherAccount)).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ListPoliciesForTarget_and_DescribePolicy_read_service_control_policies()
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var policies = await org.PaginateAsync(OrganizationsApi.ListPoliciesForTarget,
            new ListPoliciesForTargetRequest(_org.ProductionAccount, "SERVICE_CONTROL_POLICY")).ToListAsync();

        policies.Should().Contain(p => p.Id == "p-FullAWSAccess" && p.AwsManaged);
        var ours = policies.Should().ContainSingle(p => p.Id == _org.PolicyId).Subject;
        ours.Name.Should().Be("deny-run-instances");
        ours.Type.Should().Be("SERVICE_CONTROL_POLICY");
        ours.AwsManaged.Should().BeFalse();

        var described = (await org.SendAsync(OrganizationsApi.DescribePolicy, new DescribePolicyRequest(_org.PolicyId), default)).Policy;
        described.PolicySummary.Name.Should().Be("deny-run-instances");
        described.Content.Should().Be(Policy);

        var onOther = await org.PaginateAsync(OrganizationsApi.ListPoliciesForTarget,
            new ListPoliciesForTargetRequest(_org.OtherAccount, "SERVICE_CONTROL_POLICY")).ToListAsync();
        onOther.Select(p => p.Id).Should().NotContain(_org.PolicyId);
    }

    private static async Task<Seeded> SeedAsync(MotoFixture moto)
    {
        using var org = moto.Client(OrganizationsApi.Service);
        var organization = (await org.SendAsync(SeedOperations.CreateOrganization, new CreateOrganizationRequest(), default)).Organization;
        var root = (await org.SendAsync(OrganizationsApi.ListRoots.Operation, new ListRootsRequest(), default)).Roots![0].Id;
        await org.SendAsync(SeedOperations.CreateOrganizationalUnit, new CreateOrganizationalUnitRequest(root, "Security"), default);
        var workloads = (await org.SendAsync(SeedOperations.CreateOrganizationalUnit, new CreateOrganizationalUnitRequest(root, "Workloads"), default)).OrganizationalUnit.Id;
        var production = (await org.SendAsync(SeedOperations.CreateOrganizationalUnit, new CreateOrganizationalUnitRequest(workloads, "Production"), default)).OrganizationalUnit.Id;

        var ids = new List<string>();
        for (var i = 1; i <= 44; i++)
        {
            var tags = i == 1 ? new List<AwsTag> { new("owner", "payments-team"), new("cost-center", "cc-2001") } : null;
            var status = (await org.SendAsync(SeedOperations.CreateAccount, new CreateAccountRequest($"account-{i:D2}@example.com", $"account-{i:D2}", tags), default)).CreateAccountStatus;
            status.State.Should().Be("SUCCEEDED", "moto creates accounts at once");
            ids.Add(status.AccountId!);
        }

        await org.SendAsync(SeedOperations.MoveAccount, new MoveAccountRequest(ids[0], root, production), default);
        var policy = (await org.SendAsync(SeedOperations.CreatePolicy, new CreatePolicyRequest(Policy, "test", "deny-run-instances"), default)).Policy.PolicySummary.Id;
        await org.SendAsync(SeedOperations.AttachPolicy, new AttachPolicyRequest(policy, ids[0]), default);
        return new Seeded(organization.Id, root, production, ids[0], ids[1], policy);
    }

    private sealed record Seeded(string OrganizationId, string RootId, string ProductionOu, string ProductionAccount, string OtherAccount, string PolicyId);
}
