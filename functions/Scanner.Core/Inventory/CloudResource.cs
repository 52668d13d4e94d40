namespace Scanner.Core.Inventory;

using Scanner.Core.Resources;

/// <summary>
/// A resource found in an account: an EC2 instance, a Lambda function, or anything the tagging API lists.
/// Its type and short id come from its ARN through the resource-type registry, and from nowhere else: whoever
/// builds a resource (a collector, a test) gives the ARN, so no spelling of a type can exist that production never emits.
/// </summary>
public sealed record CloudResource
{
    private readonly string _arn = "";

    public required string Arn
    {
        get => _arn;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _arn = value;
            (Type, Id) = ResourceTypeRegistry.Identify(value);
        }
    }

    /// <summary>The registry's entry for the ARN (CloudFormation and ASFF types, the words, the role); Unknown when none matches.</summary>
    public ResourceType Type { get; private init; } = ResourceTypeRegistry.Unknown;

    /// <summary>The short id (i-0abc…, function name, bucket name) a person recognises.</summary>
    public string Id { get; private init; } = "";

    public required string Region { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Where it came from (ec2, lambda, tagging) so a gap in one source can be matched to its resources.</summary>
    public required string Source { get; init; }

    /// <summary>What the resource's own service says about it (instance type, runtime, role); null when only the tagging API listed it.</summary>
    public ResourceDetails? Details { get; init; }
}
