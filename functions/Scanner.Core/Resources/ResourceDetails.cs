namespace Scanner.Core.Resources;

/// <summary>
/// What a resource's own service says about it, typed from the collector to the finding: the ASFF mapper turns each
/// kind into Security Hub's details of that resource type (Resources[].Details.AwsEc2Instance, .AwsLambdaFunction),
/// so a field cannot be written under one name and read under another. Never secrets (no environment variables).
/// </summary>
public abstract record ResourceDetails;

/// <summary>An EC2 instance as DescribeInstances describes it.</summary>
public sealed record Ec2InstanceDetails : ResourceDetails
{
    /// <summary>t3.micro</summary>
    public string? InstanceType { get; init; }

    /// <summary>pending, running, stopping or stopped (terminated instances are not collected).</summary>
    public string? State { get; init; }

    public DateTimeOffset? LaunchedAt { get; init; }
    public string? ImageId { get; init; }
    public string? KeyName { get; init; }
    public string? IamInstanceProfileArn { get; init; }
    public string? VpcId { get; init; }
    public string? SubnetId { get; init; }
    public IReadOnlyList<string> PrivateIpAddresses { get; init; } = [];
}

/// <summary>A Lambda function as ListFunctions describes it.</summary>
public sealed record LambdaFunctionDetails : ResourceDetails
{
    public required string FunctionName { get; init; }

    /// <summary>python3.12; null for container-image functions, which have no runtime.</summary>
    public string? Runtime { get; init; }

    /// <summary>The execution role's ARN: what the function can do.</summary>
    public string? Role { get; init; }

    public string? Handler { get; init; }

    /// <summary>As Lambda writes it (2024-05-01T12:00:00.000+0000).</summary>
    public string? LastModified { get; init; }

    public int? MemorySize { get; init; }
    public int? Timeout { get; init; }
    public string? Version { get; init; }

    /// <summary>Zip or Image.</summary>
    public string? PackageType { get; init; }

    public IReadOnlyList<string> Architectures { get; init; } = [];
}
