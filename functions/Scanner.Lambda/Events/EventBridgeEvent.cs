using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scanner.Lambda.Events;

/// <summary>
/// The EventBridge envelope every rule and schedule delivers. <see cref="Detail"/> stays raw JSON: its shape
/// depends on <see cref="Source"/> and <see cref="DetailType"/>, and is read once those are known.
/// </summary>
/// <remarks>
/// Properties with a default are <c>set</c>, not <c>init</c>: the JSON source generator assigns every init-only
/// property, so one missing from the JSON would get null instead of its initializer's value.
/// </remarks>
public sealed record EventBridgeEvent
{
    public const string ScheduledEventDetailType = "Scheduled Event";
    public const string CloudTrailServiceEventDetailType = "AWS Service Event via CloudTrail";
    public const string CloudTrailApiCallDetailType = "AWS API Call via CloudTrail";
    public const string ScheduleSource = "aws.events";
    public const string OrganizationsSource = "aws.organizations";
    public const string ControlTowerSource = "aws.controltower";

    public string Version { get; set; } = "0";

    public string Id { get; set; } = "";

    [JsonPropertyName("detail-type")]
    public string DetailType { get; set; } = "";

    public string Source { get; set; } = "";

    /// <summary>The account the event happened in (for Organizations events, the management account).</summary>
    public string Account { get; set; } = "";

    public DateTimeOffset? Time { get; init; }

    public string Region { get; set; } = "";

    /// <summary>For a scheduled event, the rule's ARN.</summary>
    public IReadOnlyList<string> Resources { get; set; } = [];

    public JsonElement? Detail { get; init; }
}
