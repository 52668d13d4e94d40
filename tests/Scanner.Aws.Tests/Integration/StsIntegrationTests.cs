using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>Assuming a role into a member account, and being refused.</summary>
[Collection(MotoCollection.Name)]
public sealed class StsIntegrationTests(MotoFixture moto) : IAsyncLifetime
{
    private DemoOrganizationInfo _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await moto.UseDemoAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("payments-prod", new[] { "alice" })]
    [InlineData("payments-dev", new[] { "breakglass", "old-exempt" })]
    [InlineData("shared-services", new[] { "ci-deploy" })]
    [InlineData("network", new string[0])]
    public async Task Assumed_role_sees_only_its_own_accounts_users(string accountName, string[] users)
    {
        var credentials = await moto.AssumeAsync(_demo.AccountId(accountName));
        using var iam = moto.Client(IamApi.Service, credentials: credentials);

        var listed = await iam.PaginateAsync(IamApi.ListUsers, new ListUsersRequest()).ToListAsync();

        listed.Select(u => u.UserName).Should().BeEquivalentTo(users);
        listed.Should().OnlyContain(u => u.Arn.StartsWith($"arn:aws:iam::{_demo.AccountId(accountName)}:", StringComparison.Ordinal));
        using var sts = new AmazonSecurityTokenServiceClient(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = moto.Endpoint, AuthenticationRegion = "us-east-1" });
        (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Account.Should().Be(_demo.AccountId(accountName));
    }

    [Fact]
    public async Task Management_account_credentials_see_no_member_users()
    {
        using var iam = moto.Client(IamApi.Service);
        (await iam.PaginateAsync(IamApi.ListUsers, new ListUsersRequest()).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_AssumeRole_maps_to_access_denied_with_its_request_id()
    {
        var refused = _demo.AccountId("sandbox-1");
        var allowed = _demo.AccountId("payments-prod");
        using var proxy = new AwsProxy(moto.Endpoint)
        {
            Fault = call => AwsFaults.IsAssumeRoleInto(call.Request, refused) ? ProxyFault.Answer(AwsFaults.AuditRoleDenied(refused)) : null,
        };
        using var sts = moto.Sts(proxy.Endpoint);

        var call = () => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{refused}:role/OrganizationComplianceAudit", RoleSessionName = "scanner" });
        var sdkError = (await call.Should().ThrowAsync<AmazonSecurityTokenServiceException>()).Which;
        sdkError.ErrorCode.Should().Be("AccessDenied");
        sdkError.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        sdkError.RequestId.Should().Be(AwsFaults.DeniedRequestId);

        var error = AwsServiceException.From(sdkError, "STS", "AssumeRole");
        error.ErrorCode.Should().Be("AccessDenied");
        error.StatusCode.Should().Be(403);
        error.RequestId.Should().Be(AwsFaults.DeniedRequestId);
        error.Kind.Should().Be(AwsErrorKind.AccessDenied);
        error.ErrorMessage.Should().Contain("is not authorized to perform: sts:AssumeRole");
        proxy.Faulted.Should().HaveCount(1, "access denied is not retried");

        // Every other request goes through to moto untouched.
        var granted = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{allowed}:role/OrganizationComplianceAudit", RoleSessionName = "scanner" });
        var c = granted.Credentials;
        using var iam = new ProtocolClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), IamApi.Service, "us-east-1", proxy.Endpoint);
        (await iam.PaginateAsync(IamApi.ListUsers, new ListUsersRequest()).ToListAsync()).Select(u => u.UserName).Should().Equal("alice");
    }
}
