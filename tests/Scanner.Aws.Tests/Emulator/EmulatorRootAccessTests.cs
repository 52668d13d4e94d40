using Amazon.Runtime;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Demo;
using Scanner.Emulator;

namespace Scanner.Aws.Tests.Emulator;

/// <summary>
/// iam:ListOrganizationsFeatures on the in-process emulator, read by the scanner's own operation: answered as the
/// botocore model documents it, which moto cannot (it has no such operation). Without IAM's trusted access the
/// organization has ServiceAccessNotEnabledException; with it, the features turned on, in the management account only.
/// </summary>
public sealed class EmulatorRootAccessTests : IAsyncLifetime
{
    private static readonly AWSCredentials Management = new BasicAWSCredentials("testing", "testing");
    private AwsEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await AwsEmulator.StartAsync("management", TimeProvider.System);
        using var organizations = new ProtocolClient(Management, OrganizationsApi.Service, "us-east-1", _emulator.Endpoint);
        await organizations.SendAsync(SeedOperations.CreateOrganization, new CreateOrganizationRequest(), default);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Root_access_features_are_listed_once_IAM_has_trusted_access_and_they_are_enabled()
    {
        using var iam = new ProtocolClient(Management, IamApi.Service, "us-east-1", _emulator.Endpoint);
        var refused = await FluentActions.Awaiting(() => iam.SendAsync(IamApi.ListOrganizationsFeatures, new EmptyRequest(), default)).Should().ThrowAsync<AwsServiceException>();
        refused.Which.ErrorCode.Should().Be("ServiceAccessNotEnabledException");

        using var organizations = new ProtocolClient(Management, OrganizationsApi.Service, "us-east-1", _emulator.Endpoint);
        await organizations.SendAsync(SeedOperations.EnableAwsServiceAccess, new EnableAwsServiceAccessRequest("iam.amazonaws.com"), default);
        var none = await iam.SendAsync(IamApi.ListOrganizationsFeatures, new EmptyRequest(), default);
        (none.EnabledFeatures ?? []).Should().BeEmpty(because: "no feature is on yet (an empty list comes back as no list)");

        await iam.SendAsync(SeedOperations.EnableRootCredentialsManagement, new EmptyRequest(), default);
        await iam.SendAsync(SeedOperations.EnableRootSessions, new EmptyRequest(), default);
        var features = await iam.SendAsync(IamApi.ListOrganizationsFeatures, new EmptyRequest(), default);
        features.EnabledFeatures.Should().Equal("RootCredentialsManagement", "RootSessions");
        features.OrganizationId.Should().Be(_emulator.Organization.OrganizationId).And.MatchRegex("^o-[a-z0-9]{10}$");

        var member = (await organizations.SendAsync(SeedOperations.CreateAccount, new CreateAccountRequest("member@example.com", "member"), default)).CreateAccountStatus.AccountId!;
        using var memberSession = await DemoAccountSession.AssumeAsync(_emulator.Endpoint, member, DemoOrganization.MemberRoleName, default);
        var notManagement = await FluentActions.Awaiting(() => memberSession.Client(IamApi.Service, "us-east-1").SendAsync(IamApi.ListOrganizationsFeatures, new EmptyRequest(), default))
            .Should().ThrowAsync<AwsServiceException>();
        notManagement.Which.ErrorCode.Should().Be("AccountNotManagementOrDelegatedAdministratorException");
    }

    [Fact]
    public async Task The_organization_read_takes_IAM_without_trusted_access_as_both_features_off_not_as_a_gap()
    {
        using var organizations = new ProtocolClient(Management, OrganizationsApi.Service, "us-east-1", _emulator.Endpoint);
        using var iam = new ProtocolClient(Management, IamApi.Service, "us-east-1", _emulator.Endpoint);

        var snapshot = await new Scanner.Aws.Collectors.OrganizationReader(organizations, iam).ReadAsync(default);

        var management = snapshot.Accounts.Should().ContainSingle(a => a.IsManagementAccount).Subject;
        management.Guardrails!.RootAccessManagement.Should().Be(new Scanner.Core.Inventory.RootAccessManagement(false, false));
        management.Guardrails.Gaps.Should().BeEmpty();
    }
}
