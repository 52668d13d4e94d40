using System.Text.Json.Nodes;
using Scanner.Functions.Tests.Support;

namespace Scanner.Functions.Tests.Events;

/// <summary>The recorded "AWS API Call via CloudTrail" events of Events/Samples (see its README), moved into an account.</summary>
internal static class ChangeEvents
{
    public const string IamCreateAccessKey = "iam-create-access-key.json";
    public const string Ec2RunInstances = "ec2-run-instances.json";
    public const string LambdaCreateFunction = "lambda-create-function.json";
    public const string CloudTrailStopLogging = "cloudtrail-stop-logging.json";
    public const string IamCreateUserDenied = "iam-create-user-denied.json";

    public static string Read(string file) =>
        File.ReadAllText(Repository.PathOf("tests", "Scanner.Functions.Tests", "Events", "Samples", file));

    /// <summary>The account the recorded event happened in (its envelope's).</summary>
    public static string AccountOf(string file) => JsonNode.Parse(Read(file))!["account"]!.GetValue<string>();

    /// <summary>
    /// The recorded event as if it had happened in <paramref name="accountId"/> (every mention of the recorded account
    /// replaced, the principal's ARN included), optionally with its own CloudTrail and EventBridge ids.
    /// </summary>
    public static string InAccount(string file, string accountId, string? eventId = null, Action<JsonNode>? edit = null)
    {
        var node = JsonNode.Parse(Read(file).Replace(AccountOf(file), accountId, StringComparison.Ordinal))!;
        if (eventId is not null)
        {
            node["id"] = $"eb-{eventId}";
            node["detail"]!["eventID"] = eventId;
        }

        edit?.Invoke(node);
        return node.ToJsonString();
    }
}
