using System.Text;
using Scanner.Aws.Errors;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Aws.Tests.Infrastructure;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Integration;

/// <summary>Every IAM read the scanner makes, in a member account with 120 users and 25 roles.</summary>
[Collection(MotoCollection.Name)]
public sealed class IamIntegrationTests(MotoFixture moto) : IAsyncLifetime
{
    private const string Account = "333344445555";
    private const int Users = 120;

    private Seeded _iam = null!;

    public async Task InitializeAsync() => _iam = await moto.UseStateAsync("iam-120", SeedAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ListUsers_returns_every_user()
    {
        using var iam = await ClientAsync();
        var pages = await Paginator.PagesAsync(r => iam.SendAsync(IamApi.ListUsers.Operation, r, default), IamApi.ListUsers, new ListUsersRequest(MaxItems: 25)).ToListAsync();

        // moto 5 ignores MaxItems on ListUsers and answers with one page (IsTruncated false); the Marker loop itself
        // is exercised on recorded payloads in the protocol tests and against the bench server (BenchServerCollectorTests).
        var users = pages.SelectMany(p => p.Users ?? []).ToList();
        users.Should().HaveCount(Users);
        users.Select(u => u.UserName).Should().OnlyHaveUniqueItems();
        users.Should().OnlyContain(u => u.Arn == $"arn:aws:iam::{Account}:user/{u.UserName}" && u.CreateDate > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task ListUserTags_reads_the_tags()
    {
        using var iam = await ClientAsync();
        var tags = await iam.PaginateAsync(IamApi.ListUserTags, new UserPageRequest("user-000")).ToListAsync();
        tags.Should().BeEquivalentTo([new AwsTag("compliance:exempt", "*"), new AwsTag("compliance:exempt-until", "2030-01-31")]);

        (await iam.PaginateAsync(IamApi.ListUserTags, new UserPageRequest("user-005")).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ListAccessKeys_and_GetAccessKeyLastUsed()
    {
        using var iam = await ClientAsync();
        var keys = await iam.PaginateAsync(IamApi.ListAccessKeys, new UserPageRequest("user-001")).ToListAsync();

        keys.Should().HaveCount(2);
        keys.Select(k => k.AccessKeyId).Should().BeEquivalentTo(_iam.KeyIds);
        keys.Single(k => k.AccessKeyId == _iam.KeyIds[0]).Status.Should().Be("Active");
        keys.Single(k => k.AccessKeyId == _iam.KeyIds[1]).Status.Should().Be("Inactive");
        keys.Should().OnlyContain(k => k.UserName == "user-001" && k.CreateDate > DateTimeOffset.UtcNow.AddHours(-1));

        var lastUsed = await iam.SendAsync(IamApi.GetAccessKeyLastUsed, new GetAccessKeyLastUsedRequest(_iam.KeyIds[0]), default);
        lastUsed.UserName.Should().Be("user-001");

        // moto never records use: no LastUsedDate, and "N/A" for service and region, as AWS reports a never-used key.
        lastUsed.AccessKeyLastUsed!.LastUsedDate.Should().BeNull();
        lastUsed.AccessKeyLastUsed.ServiceName.Should().Be("N/A");
        lastUsed.AccessKeyLastUsed.Region.Should().Be("N/A");

        (await iam.PaginateAsync(IamApi.ListAccessKeys, new UserPageRequest("user-005")).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ListMfaDevices_lists_the_enabled_virtual_device()
    {
        using var iam = await ClientAsync();
        var devices = await iam.PaginateAsync(IamApi.ListMfaDevices, new UserPageRequest("user-002")).ToListAsync();

        var device = devices.Should().ContainSingle().Subject;
        device.SerialNumber.Should().Be($"arn:aws:iam::{Account}:mfa/user-002");
        device.UserName.Should().Be("user-002");
        device.EnableDate.Should().NotBeNull();

        (await iam.PaginateAsync(IamApi.ListMfaDevices, new UserPageRequest("user-003")).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task GetLoginProfile_finds_a_password_and_maps_NoSuchEntity_to_not_found()
    {
        using var iam = await ClientAsync();
        var profile = (await iam.SendAsync(IamApi.GetLoginProfile, new UserRequest("user-003"), default)).LoginProfile;
        profile.UserName.Should().Be("user-003");
        profile.CreateDate.Should().NotBeNull();

        var error = (await FluentActions.Awaiting(() => iam.SendAsync(IamApi.GetLoginProfile, new UserRequest("user-005"), default))
            .Should().ThrowAsync<AwsServiceException>()).Which;
        error.ErrorCode.Should().Be("NoSuchEntity");
        error.StatusCode.Should().Be(404);
        error.Kind.Should().Be(AwsErrorKind.NotFound);
        error.Service.Should().Be("IAM");
        error.Operation.Should().Be("GetLoginProfile");
        error.RequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Credential_report_is_a_base64_csv_with_a_row_per_user()
    {
        using var iam = await ClientAsync();
        var generated = await iam.SendAsync(IamApi.GenerateCredentialReport, new EmptyRequest(), default);
        generated.State.Should().BeOneOf("STARTED", "INPROGRESS", "COMPLETE");

        var report = await iam.SendAsync(IamApi.GetCredentialReport, new EmptyRequest(), default);
        report.ReportFormat.Should().Be("text/csv");
        report.GeneratedTime.Should().NotBeNull();
        var lines = Encoding.UTF8.GetString(Convert.FromBase64String(report.Content!)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("user,arn,user_creation_time,password_enabled");
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToDictionary(r => r["user"]);

        // moto's report has no <root_account> row: root checks see no root user in the emulator.
        rows.Should().HaveCount(Users).And.NotContainKey("<root_account>");
        rows["user-001"]["access_key_1_active"].Should().Be("true");
        rows["user-001"]["access_key_2_active"].Should().Be("false");
        rows["user-002"]["mfa_active"].Should().Be("true");
        rows["user-003"]["password_enabled"].Should().Be("true");
        rows["user-003"]["mfa_active"].Should().Be("false");
        rows["user-005"]["password_enabled"].Should().Be("false");
    }

    [Fact]
    public async Task Credential_report_not_generated_yet_is_ReportNotPresent()
    {
        using var iam = moto.Client(IamApi.Service, credentials: await moto.AssumeAsync("444455556666"));

        var error = (await FluentActions.Awaiting(() => iam.SendAsync(IamApi.GetCredentialReport, new EmptyRequest(), default))
            .Should().ThrowAsync<AwsServiceException>()).Which;

        error.ErrorCode.Should().Be("ReportNotPresent");
        error.StatusCode.Should().Be(410);
        error.Kind.Should().Be(AwsErrorKind.NotFound);
    }

    private async Task<ProtocolClient> ClientAsync() =>
        moto.Client(IamApi.Service, "eu-west-1", await moto.AssumeAsync(Account));

    private static async Task<Seeded> SeedAsync(MotoFixture moto)
    {
        using var iam = moto.Client(IamApi.Service, credentials: await moto.AssumeAsync(Account));
        for (var i = 0; i < Users; i++)
        {
            await iam.SendAsync(SeedOperations.CreateUser, new CreateUserRequest($"user-{i:D3}"), default);
        }

        await iam.SendAsync(SeedOperations.TagUser, new TagUserRequest("user-000",
            [new AwsTag("compliance:exempt", "*"), new AwsTag("compliance:exempt-until", "2030-01-31")]), default);

        var active = (await iam.SendAsync(SeedOperations.CreateAccessKey, new UserRequest("user-001"), default)).AccessKey;
        var inactive = (await iam.SendAsync(SeedOperations.CreateAccessKey, new UserRequest("user-001"), default)).AccessKey;
        await iam.SendAsync(SeedOperations.UpdateAccessKey, new UpdateAccessKeyRequest("user-001", inactive.AccessKeyId, "Inactive"), default);

        var device = (await iam.SendAsync(SeedOperations.CreateVirtualMfaDevice, new CreateVirtualMfaDeviceRequest("user-002"), default)).VirtualMFADevice;
        await iam.SendAsync(SeedOperations.EnableMfaDevice, new EnableMfaDeviceRequest("user-002", device.SerialNumber, "123456", "654321"), default);
        await iam.SendAsync(SeedOperations.CreateLoginProfile, new CreateLoginProfileRequest("user-002", "Passw0rd!-test"), default);
        await iam.SendAsync(SeedOperations.CreateLoginProfile, new CreateLoginProfileRequest("user-003", "Passw0rd!-test"), default);
        return new Seeded([active.AccessKeyId, inactive.AccessKeyId]);
    }

    private sealed record Seeded(string[] KeyIds);
}
