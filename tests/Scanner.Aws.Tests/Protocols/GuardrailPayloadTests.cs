using Scanner.Aws.Collectors;
using Scanner.Aws.Services;
using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;
using static Scanner.Aws.Tests.Protocols.ProtocolTestClients;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>
/// What moto cannot show, proven on payloads shaped as botocore's organizations model describes them: moto refuses
/// securityhub.amazonaws.com as a service principal and the management account as a delegated administrator, both of
/// which a real organization can hold (Security Hub's EnableOrganizationAdminAccount registers it).
/// </summary>
public sealed class GuardrailPayloadTests
{
    private const string ManagementId = "123456789012";

    [Fact]
    public async Task Security_hubs_delegated_administrator_on_the_management_account_is_found_from_the_organization_read()
    {
        using var server = new RecordingServer(
            new CannedResponse(200, """{"Policies":[{"Id":"p-FullAWSAccess","Arn":"arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess","Name":"FullAWSAccess","Description":"Allows access to every operation","Type":"SERVICE_CONTROL_POLICY","AwsManaged":true}]}"""),
            new CannedResponse(200, """{"Policy":{"PolicySummary":{"Id":"p-FullAWSAccess","Arn":"arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess","Name":"FullAWSAccess","Type":"SERVICE_CONTROL_POLICY","AwsManaged":true},"Content":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}}"""),
            new CannedResponse(200, """
                {"DelegatedAdministrators":[
                  {"Id":"123456789012","Arn":"arn:aws:organizations::123456789012:account/o-abcdef1234/123456789012","Email":"root@example.com","Name":"management","Status":"ACTIVE","State":"ACTIVE","JoinedMethod":"CREATED","JoinedTimestamp":1.7e9,"DelegationEnabledDate":1.71e9},
                  {"Id":"222233334444","Arn":"arn:aws:organizations::123456789012:account/o-abcdef1234/222233334444","Email":"sec@example.com","Name":"security-tooling","Status":"ACTIVE","State":"ACTIVE","JoinedMethod":"CREATED","JoinedTimestamp":1.7e9,"DelegationEnabledDate":1.71e9}]}
                """),
            new CannedResponse(200, """{"DelegatedServices":[{"ServicePrincipal":"securityhub.amazonaws.com","DelegationEnabledDate":1.71e9}]}"""),
            new CannedResponse(200, """{"DelegatedServices":[{"ServicePrincipal":"guardduty.amazonaws.com","DelegationEnabledDate":1.71e9},{"ServicePrincipal":"config.amazonaws.com","DelegationEnabledDate":1.71e9},{"ServicePrincipal":"cloudtrail.amazonaws.com","DelegationEnabledDate":1.71e9}]}"""),
            new CannedResponse(200, """{"Policies":[{"Id":"p-FullAWSAccess","Arn":"arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess","Name":"FullAWSAccess","Description":"Allows access to every operation","Type":"SERVICE_CONTROL_POLICY","AwsManaged":true}]}"""));
        using var organizations = For(OrganizationsApi.Service, server, "us-east-1");

        var read = await new ServiceControlPolicyReader(organizations, concurrency: 1).ReadAsync(
            new OrgOrganization("o-abcdef1234", "arn", ManagementId, "ALL"), new OrgRoot("r-ab12", null, "Root"), [], default);
        var guardrails = await read.ForAccountAsync(ManagementId, "management", [], isManagementAccount: true, default);

        // The account's own SCPs are read with the account; FullAWSAccess's document, read for the root, is not read again.
        server.Requests.Select(r => r.Header("X-Amz-Target")).Should().Equal(
            "AWSOrganizationsV20161128.ListPoliciesForTarget", "AWSOrganizationsV20161128.DescribePolicy",
            "AWSOrganizationsV20161128.ListDelegatedAdministrators", "AWSOrganizationsV20161128.ListDelegatedServicesForAccount",
            "AWSOrganizationsV20161128.ListDelegatedServicesForAccount", "AWSOrganizationsV20161128.ListPoliciesForTarget");
        server.Requests[^1].Body.Should().Contain($"\"TargetId\":\"{ManagementId}\"");
        guardrails.PolicyPath[^1].Policies.Should().ContainSingle().Which.Name.Should().Be("FullAWSAccess");
        server.Requests[0].Body.Should().Contain("\"Filter\":\"SERVICE_CONTROL_POLICY\"").And.Contain("\"TargetId\":\"r-ab12\"");
        guardrails.DelegatedAdministrators.Should().HaveCount(2);
        guardrails.PolicyPath[0].Policies.Should().ContainSingle().Which.Name.Should().Be("FullAWSAccess");

        var inventory = new AccountInventory
        {
            Account = new OrganizationAccount { Id = ManagementId, Name = "management", IsManagementAccount = true, Guardrails = guardrails },
            HomeRegion = "us-east-1",
            CollectedAt = DateTimeOffset.UnixEpoch,
        };
        var results = new DelegatedAdministratorCheck().Evaluate(inventory, new AccountPolicy()).ToList();

        results.Where(r => r.Status == CheckStatus.Failed).Should().ContainSingle()
            .Which.Title.Should().Be("Security Hub's delegated administrator is the management account");
        results.Where(r => r.Status == CheckStatus.Passed).Should().HaveCount(3);
    }

    [Fact]
    public async Task An_access_denied_on_the_delegated_administrators_is_a_gap_of_the_management_account_only()
    {
        using var server = new RecordingServer(
            new CannedResponse(200, """{"Policies":[]}"""),
            new CannedResponse(400, """{"__type":"AccessDeniedException","Message":"You don't have permissions to access this resource."}"""),
            new CannedResponse(200, """{"Policies":[]}"""),
            new CannedResponse(200, """{"Policies":[]}"""));
        using var organizations = For(OrganizationsApi.Service, server, "us-east-1");

        var read = await new ServiceControlPolicyReader(organizations, concurrency: 1).ReadAsync(
            new OrgOrganization("o-abcdef1234", "arn", ManagementId, "ALL"), new OrgRoot("r-ab12", null, "Root", [new OrgPolicyTypeSummary("SERVICE_CONTROL_POLICY", "ENABLED")]), [], default);

        var gap = (await read.ForAccountAsync(ManagementId, "management", [], isManagementAccount: true, default)).Gaps.Should().ContainSingle().Subject;
        gap.Service.Should().Be(DataSource.DelegatedAdministrators);
        gap.Region.Should().BeNull();
        gap.Operation.Should().Be("ListDelegatedAdministrators");
        gap.ErrorCode.Should().Be("AccessDeniedException");
        read.Enabled.Should().BeTrue("the root reports SCPs enabled");
        (await read.ForAccountAsync("111122223333", "member", [], isManagementAccount: false, default)).Gaps.Should().BeEmpty();
    }
}
