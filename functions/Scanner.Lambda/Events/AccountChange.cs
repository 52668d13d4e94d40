using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Scanner.Aws.Publishing;

namespace Scanner.Lambda.Events;

/// <summary>
/// A watched change in one account, on its way through the change queue (SQS FIFO): the dispatcher writes one per
/// CloudTrail event, the queue keeps the first of each account's 5-minute window and holds it back for 5 minutes,
/// and the dispatcher then turns what comes out into scan jobs. Carries nothing read from Organizations: whether the
/// account belongs to the organization and is ACTIVE is decided when the job is made, from one organization read.
/// </summary>
public sealed record AccountChange
{
    public string AccountId { get; set; } = "";

    /// <summary>The change itself; required (nullable only because JSON may lack it, which TryParse refuses).</summary>
    public ScanTrigger? Trigger { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, LambdaJsonContext.Default.AccountChange);

    /// <summary>Reads and validates a change queue message body; never throws for bad input.</summary>
    public static bool TryParse(string? body, [NotNullWhen(true)] out AccountChange? change, [NotNullWhen(false)] out string? error)
    {
        change = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "body: is empty; expected an account change JSON object";
            return false;
        }

        AccountChange? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, LambdaJsonContext.Default.AccountChange);
        }
        catch (JsonException exception)
        {
            error = JsonErrors.Describe(exception, "body");
            return false;
        }

        error = parsed is null ? "body: is JSON null; expected an account change JSON object"
            : !AwsAccountId.IsValid(parsed.AccountId) ? $"accountId: '{parsed.AccountId}' is not a 12-digit account id"
            : parsed.Trigger is null ? "trigger: is required: the change this account's rescan is for"
            : TriggerProblem(parsed.Trigger, "trigger");
        if (error is not null)
        {
            return false;
        }

        change = parsed!;
        return true;
    }

    /// <summary>The first problem with a trigger as read from JSON, naming the field; null when it is complete (or absent).</summary>
    internal static string? TriggerProblem(ScanTrigger? trigger, string field)
    {
        if (trigger is null)
        {
            return null;
        }

        (string Name, string? Value)[] parts =
        [
            ("eventName", trigger.EventName), ("eventSource", trigger.EventSource), ("eventTime", trigger.EventTime),
            ("principal", trigger.Principal), ("region", trigger.Region), ("eventId", trigger.EventId),
        ];
        return parts.FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Value)) is { Name: { } missing }
            ? $"{field}.{missing}: is required"
            : null;
    }
}
