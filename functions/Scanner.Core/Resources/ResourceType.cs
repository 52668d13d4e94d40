namespace Scanner.Core.Resources;

/// <summary>
/// One kind of resource, as its ARN shows it: the ARN's service and the resource kind that starts its resource part
/// (<c>instance/</c>, <c>db:</c>, <c>loadbalancer/app/</c>, <c>/restapis/*/stages/</c>; empty for services whose ARN
/// names the resource directly, such as SNS topics and S3 buckets), and what the scanner calls it everywhere.
/// </summary>
/// <param name="Service">The ARN's service (arn:partition:SERVICE:region:account:resource).</param>
/// <param name="Kind">
/// How the resource part starts. A <c>*</c> stands for one path segment (no '/'); the longest kind that matches wins,
/// so <c>loadbalancer/app/</c> is chosen over <c>loadbalancer/</c>.
/// </param>
/// <param name="CloudFormationType">The type in AWS's own spelling (AWS::KMS::Key); null when CloudFormation has none.</param>
/// <param name="AsffType">The Security Hub resource type (AwsKmsKey), or Other.</param>
/// <param name="Noun">What a person calls it: "KMS key".</param>
/// <param name="Role">What it is for in the organization.</param>
public sealed record ResourceType(string Service, string Kind, string? CloudFormationType, string AsffType, string Noun, ResourceRole Role)
{
    /// <summary>
    /// Where the id a person recognises ends, when the ARN carries more after it: a Lambda function's qualifier
    /// (function:NAME:live), a stack's unique suffix (stack/NAME/uuid).
    /// </summary>
    public char? IdEndsAt { get; init; }

    /// <summary>
    /// Where the id starts, when a narrower kind shares its family's naming: a service-linked role is named like any role
    /// (after "role/"), an AWS service's log group like any log group. By default the id follows the kind's literal start.
    /// </summary>
    public string? IdFrom { get; init; }

    /// <summary>The name shown beside the noun: the CloudFormation type, or the ARN's service and kind when there is none.</summary>
    public string Name => CloudFormationType ?? (Service.Length == 0 ? "unknown" : Kind.Length == 0 ? Service : $"{Service}:{Kind.TrimEnd('/', ':')}");

    public bool IsKnown => Role != ResourceRole.Unknown;

    public override string ToString() => Name;
}
