using System.IO.Compression;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Core.Inventory;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Faults;

/// <summary>
/// Builds, in moto, an organization of a management account and the member accounts a test asks for, and acts in a
/// member account the way the scanner does (AssumeRole into it).
/// </summary>
public sealed class SmallOrganization(string endpoint) : IDisposable
{
    public const string Home = "us-east-1";

    private static readonly AWSCredentials Management = new BasicAWSCredentials("testing", "testing");
    private readonly List<IDisposable> _clients = [];

    public string Endpoint { get; } = endpoint;

    public string ManagementAccountId { get; private set; } = "";

    /// <summary>Creates the organization (moto's default account manages it).</summary>
    public async Task CreateAsync()
    {
        var org = Client(OrganizationsApi.Service, Home, Management);
        ManagementAccountId = (await org.SendAsync(SeedOperations.CreateOrganization, new CreateOrganizationRequest(), default)).Organization.MasterAccountId;
    }

    public async Task<string> CreateAccountAsync(string name, params (string Key, string Value)[] tags)
    {
        var org = Client(OrganizationsApi.Service, Home, Management);
        var status = (await org.SendAsync(SeedOperations.CreateAccount,
            new CreateAccountRequest($"{name}@example.com", name, [.. tags.Select(t => new AwsTag(t.Key, t.Value))]), default)).CreateAccountStatus;
        return status.AccountId ?? throw new InvalidOperationException($"CreateAccount {name}: {status.State} {status.FailureReason}");
    }

    public Task TagAccountAsync(string accountId, params (string Key, string Value)[] tags) =>
        Client(OrganizationsApi.Service, Home, Management).SendAsync(SeedOperations.TagResource,
            new TagResourceRequest(accountId, [.. tags.Select(t => new AwsTag(t.Key, t.Value))]), default);

    /// <summary>Credentials acting as <paramref name="accountId"/>, from AssumeRole as the scanner gets them.</summary>
    public async Task<AWSCredentials> AssumeAsync(string accountId)
    {
        using var sts = new AmazonSecurityTokenServiceClient(Management, new AmazonSecurityTokenServiceConfig { ServiceURL = Endpoint, AuthenticationRegion = Home });
        var c = (await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = $"arn:aws:iam::{accountId}:role/{DemoOrganization.MemberRoleName}",
            RoleSessionName = "faults-seeding",
        })).Credentials;
        return new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
    }

    public async Task<IamUserEntry> CreateUserAsync(AWSCredentials account, string name, bool consolePassword, params (string Key, string Value)[] tags)
    {
        var iam = Client(IamApi.Service, Home, account);
        var user = (await iam.SendAsync(SeedOperations.CreateUser,
            new CreateUserRequest(name, Tags: tags.Length == 0 ? null : [.. tags.Select(t => new AwsTag(t.Key, t.Value))]), default)).User;
        if (consolePassword)
        {
            await iam.SendAsync(SeedOperations.CreateLoginProfile, new CreateLoginProfileRequest(name, "Faults-Passw0rd!2024"), default);
        }

        return user;
    }

    public async Task<string> CreateFunctionAsync(AWSCredentials account, string region, string name, params (string Key, string Value)[] tags)
    {
        var iam = Client(IamApi.Service, Home, account);
        var role = (await iam.SendAsync(SeedOperations.CreateRole, new CreateRoleRequest($"{name}-role",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""), default)).Role;
        var function = await Client(LambdaApi.Service, region, account).SendAsync(SeedOperations.CreateFunction, new CreateFunctionRequest(
            name, "python3.12", role.Arn, "index.handler", new LambdaCode(HandlerZip()),
            Tags: tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)), default);
        return function.FunctionArn;
    }

    /// <summary>Runs an instance and returns its ARN.</summary>
    public async Task<string> RunInstanceAsync(AWSCredentials account, string region, params (string Key, string Value)[] tags)
    {
        var ec2 = Ec2(account, region);
        var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"], Filters = [new Filter("architecture", ["x86_64"])] }))
            .Images?.FirstOrDefault()?.ImageId ?? throw new InvalidOperationException($"moto lists no image in {region}.");
        var run = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = image,
            MinCount = 1,
            MaxCount = 1,
            InstanceType = InstanceType.T3Micro,
            TagSpecifications = tags.Length == 0 ? null :
            [
                new TagSpecification { ResourceType = ResourceType.Instance, Tags = [.. tags.Select(t => new Amazon.EC2.Model.Tag(t.Key, t.Value))] },
            ],
        });
        return $"arn:aws:ec2:{region}:{run.Reservation.OwnerId}:instance/{run.Reservation.Instances[0].InstanceId}";
    }

    public async Task TerminateInstanceAsync(AWSCredentials account, string instanceArn)
    {
        var region = instanceArn.Split(':')[3];
        await Ec2(account, region).TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [instanceArn[(instanceArn.LastIndexOf('/') + 1)..]] });
    }

    public Task EnableSecurityHubAsync(AWSCredentials account) =>
        Client(SecurityHubApi.Service, Home, account).SendAsync(SeedOperations.EnableSecurityHub, new EnableSecurityHubRequest(), default);

    public async Task<List<AsffFinding>> FindingsAsync(AWSCredentials account) =>
        await Client(SecurityHubApi.Service, Home, account)
            .PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(new AsffFilters()), CancellationToken.None).ToListAsync();

    public static OrganizationAccount Account(string id, string name) => new() { Id = id, Name = name };

    private ProtocolClient Client(AwsServiceModel service, string region, AWSCredentials credentials)
    {
        var client = new ProtocolClient(credentials, service, region, Endpoint);
        _clients.Add(client);
        return client;
    }

    private AmazonEC2Client Ec2(AWSCredentials credentials, string region)
    {
        var client = new AmazonEC2Client(credentials, new AmazonEC2Config { ServiceURL = Endpoint, AuthenticationRegion = region });
        _clients.Add(client);
        return client;
    }

    private static byte[] HandlerZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("index.py").Open());
            writer.Write("def handler(event, context):\n    return {}\n");
        }

        return buffer.ToArray();
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
