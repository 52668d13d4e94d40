namespace Scanner.Core.Inventory;

/// <summary>
/// A resource found in an account: an EC2 instance, a Lambda function, or anything the tagging API lists.
/// Type is the CloudFormation-style type (AWS::EC2::Instance) so it reads the same in every output.
/// </summary>
public sealed record CloudResource
{
    public required string Arn { get; init; }
    public required string Type { get; init; }
    public required string Region { get; init; }

    /// <summary>The short id (i-0abc…, function name) a person recognises.</summary>
    public required string Id { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Where it came from (ec2, lambda, tagging) so a gap in one source can be matched to its resources.</summary>
    public required string Source { get; init; }

    /// <summary>Extra detail for the finding (instance type, state, runtime); never secrets.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
