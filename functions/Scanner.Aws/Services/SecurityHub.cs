using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>AWS Security Hub (restJson1, regional).</summary>
public static class SecurityHubApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "SecurityHub",
        Protocol = WireProtocol.RestJson,
        SigningName = "securityhub",
        EndpointPrefix = "securityhub",
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    /// <summary>At most 100 findings per call, each under 240 KB; 10 requests a second, burst 30.</summary>
    public static readonly AwsOperation<BatchImportFindingsRequest, BatchImportFindingsResponse> BatchImportFindings = new()
    {
        Service = Service, Name = "BatchImportFindings", RequestType = Json.BatchImportFindingsRequest, ResponseType = Json.BatchImportFindingsResponse,
        HttpMethod = "POST", RequestUri = "/findings/import",
    };

    /// <summary>3 requests a second, burst 6; at most 100 findings a page.</summary>
    public static readonly AwsPagedOperation<GetFindingsRequest, GetFindingsResponse, AsffFinding> GetFindings = new(
        new()
        {
            Service = Service, Name = "GetFindings", RequestType = Json.GetFindingsRequest, ResponseType = Json.GetFindingsResponse,
            HttpMethod = "POST", RequestUri = "/findings",
        },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.Findings);

    /// <summary>Whether Security Hub is enabled in the caller's account and Region: InvalidAccessException when it is not.</summary>
    public static readonly AwsOperation<DescribeHubRequest, DescribeHubResponse> DescribeHub = new()
    {
        Service = Service, Name = "DescribeHub", RequestType = Json.DescribeHubRequest, ResponseType = Json.DescribeHubResponse,
        HttpMethod = "GET", RequestUri = "/accounts",
        QueryMembers = new Dictionary<string, string> { ["HubArn"] = "HubArn" },
    };
}

public sealed record DescribeHubRequest(string? HubArn = null);
public sealed record DescribeHubResponse(string? HubArn, string? SubscribedAt, bool? AutoEnableControls, string? ControlFindingGenerator);

public sealed record BatchImportFindingsRequest(List<AsffFinding> Findings);
public sealed record BatchImportFindingsResponse(int FailedCount, int SuccessCount, List<ImportFailure>? FailedFindings);
public sealed record ImportFailure(string Id, string? ErrorCode, string? ErrorMessage);

public sealed record GetFindingsRequest(AsffFilters Filters, string? NextToken = null, int? MaxResults = null);
public sealed record GetFindingsResponse(List<AsffFinding>? Findings, string? NextToken);

public sealed record AsffFilters
{
    public List<StringFilter>? Id { get; init; }
    public List<StringFilter>? ProductArn { get; init; }
    public List<StringFilter>? AwsAccountId { get; init; }
    public List<StringFilter>? GeneratorId { get; init; }
    public List<StringFilter>? RecordState { get; init; }
    public List<StringFilter>? Region { get; init; }
    public List<StringFilter>? ComplianceStatus { get; init; }
}

public sealed record StringFilter(string Value, string Comparison = "EQUALS");

/// <summary>The AWS Security Finding Format, the members this scanner writes and reads.</summary>
public sealed record AsffFinding
{
    public string? SchemaVersion { get; init; }
    public required string Id { get; init; }
    public string? ProductArn { get; init; }
    public string? GeneratorId { get; init; }
    public string? AwsAccountId { get; init; }
    public List<string>? Types { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public string? FirstObservedAt { get; init; }
    public string? LastObservedAt { get; init; }
    public AsffSeverity? Severity { get; init; }
    public AsffFindingProviderFields? FindingProviderFields { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public AsffRemediation? Remediation { get; init; }
    public string? SourceUrl { get; init; }
    public Dictionary<string, string>? ProductFields { get; init; }
    public List<AsffResource>? Resources { get; init; }
    public AsffCompliance? Compliance { get; init; }
    public string? RecordState { get; init; }
    public string? Region { get; init; }
    public string? CompanyName { get; init; }
    public string? ProductName { get; init; }
    public AsffWorkflow? Workflow { get; init; }
}

public sealed record AsffSeverity(string Label, string? Original = null);
public sealed record AsffFindingProviderFields(AsffSeverity? Severity, List<string>? Types);
public sealed record AsffRemediation(AsffRecommendation Recommendation);
public sealed record AsffRecommendation(string Text, string? Url);
public sealed record AsffCompliance(string Status, List<string>? RelatedRequirements = null);
public sealed record AsffWorkflow(string? Status);

public sealed record AsffResource
{
    public required string Type { get; init; }
    public required string Id { get; init; }
    public string? Partition { get; init; }
    public string? Region { get; init; }
    public Dictionary<string, string>? Tags { get; init; }
    public AsffResourceDetails? Details { get; init; }
}

/// <summary>Resource details by ASFF type; exactly one is set, matching the resource's Type.</summary>
public sealed record AsffResourceDetails
{
    public AsffIamUserDetails? AwsIamUser { get; init; }
    public AsffIamAccessKeyDetails? AwsIamAccessKey { get; init; }
    public AsffEc2InstanceDetails? AwsEc2Instance { get; init; }
    public AsffLambdaFunctionDetails? AwsLambdaFunction { get; init; }
    public AsffCloudTrailTrailDetails? AwsCloudTrailTrail { get; init; }
    public Dictionary<string, string>? Other { get; init; }
}

public sealed record AsffIamUserDetails(string? UserName, string? UserId, string? CreateDate);
public sealed record AsffIamAccessKeyDetails(string? PrincipalName, string? PrincipalType, string? Status, string? CreatedAt, string? AccessKeyId);
/// <summary>AwsEc2InstanceDetails in botocore's securityhub model (the members the scanner knows).</summary>
public sealed record AsffEc2InstanceDetails
{
    public string? Type { get; init; }
    public string? ImageId { get; init; }
    public List<string>? IpV4Addresses { get; init; }
    public string? KeyName { get; init; }
    public string? IamInstanceProfileArn { get; init; }
    public string? VpcId { get; init; }
    public string? SubnetId { get; init; }
    public string? LaunchedAt { get; init; }
}

/// <summary>AwsLambdaFunctionDetails in botocore's securityhub model (the members the scanner knows; never Environment).</summary>
public sealed record AsffLambdaFunctionDetails
{
    public string? FunctionName { get; init; }
    public string? Runtime { get; init; }
    public string? Role { get; init; }
    public string? Handler { get; init; }
    public string? LastModified { get; init; }
    public int? MemorySize { get; init; }
    public int? Timeout { get; init; }
    public string? Version { get; init; }
    public string? PackageType { get; init; }
    public List<string>? Architectures { get; init; }
}
public sealed record AsffCloudTrailTrailDetails(string? Name, string? HomeRegion, bool? IsMultiRegionTrail, bool? IsOrganizationTrail, bool? LogFileValidationEnabled, string? S3BucketName);
