namespace Scanner.Lambda.Events;

/// <summary>
/// The API calls that make an account worth rescanning at once, because a check reads what they change: IAM users,
/// their passwords, keys and tags (iam.*); workloads (region.*, org.management-account-workload); resource tags
/// (tag.*); the organization trail (cloudtrail.*). member-events.yaml forwards exactly these (a test holds the two
/// together), and the dispatcher acts on nothing else.
/// </summary>
/// <remarks>
/// Lambda's CloudTrail event names carry the API version (CreateFunction20150331; the tag calls come as
/// TagResource20170331 and, from newer SDKs, TagResource20170331v2), so they are listed as CloudTrail writes them.
/// IAM is global and records its calls in us-east-1 only; the others are recorded in the Region of the call.
/// </remarks>
public static class WatchedChanges
{
    /// <summary>One service's watched calls: its EventBridge source, CloudTrail eventSource and event names.</summary>
    public sealed record Service(string Source, string EventSource, IReadOnlyList<string> EventNames);

    public static IReadOnlyList<Service> Services { get; } =
    [
        new("aws.iam", "iam.amazonaws.com",
            ["CreateUser", "CreateLoginProfile", "UpdateLoginProfile", "CreateAccessKey", "UpdateAccessKey", "TagUser", "UntagUser"]),
        new("aws.ec2", "ec2.amazonaws.com", ["RunInstances", "CreateTags", "DeleteTags"]),
        new("aws.lambda", "lambda.amazonaws.com",
            ["CreateFunction20150331", "TagResource20170331", "TagResource20170331v2", "UntagResource20170331", "UntagResource20170331v2"]),
        new("aws.tag", "tagging.amazonaws.com", ["TagResources", "UntagResources"]),
        new("aws.cloudtrail", "cloudtrail.amazonaws.com", ["StopLogging", "DeleteTrail", "UpdateTrail"]),
    ];

    /// <summary>Whether an API call recorded by CloudTrail is one that calls for a rescan of its account.</summary>
    public static bool IsWatched(string? source, string? eventSource, string? eventName) =>
        Services.Any(s => s.Source == source && s.EventSource == eventSource && s.EventNames.Contains(eventName, StringComparer.Ordinal));
}
