using System.Text.Json;
using Scanner.Aws.Publishing;

namespace Scanner.Lambda.Events;

/// <summary>
/// What the dispatcher was asked to do, whatever delivered the request: a schedule, an account creation (from
/// Organizations or Control Tower), or a direct invocation. <see cref="Parse"/> never throws.
/// </summary>
/// <remarks>
/// An event we recognize but do not act on (a failed account creation, another CloudTrail event a broad rule let
/// through) is <see cref="Ignored"/>, not <see cref="Invalid"/>: EventBridge invokes asynchronously and would only
/// retry an error. <see cref="Invalid"/> is for payloads that are wrong, which a direct caller must hear about.
/// </remarks>
public abstract record DispatcherEvent
{
    private DispatcherEvent()
    {
    }

    /// <summary>Scan every ACTIVE account in the organization.</summary>
    public sealed record WholeOrganization(string Reason) : DispatcherEvent;

    /// <summary>Scan these accounts only (distinct, in the order given).</summary>
    public sealed record Accounts(IReadOnlyList<string> AccountIds, string Reason) : DispatcherEvent;

    /// <summary>Nothing to do, and nothing wrong: log the reason and succeed.</summary>
    public sealed record Ignored(string Reason) : DispatcherEvent;

    /// <summary>The payload is wrong; the message names the field, e.g. <c>accountIds[2]: '1234' is not a 12-digit account id</c>.</summary>
    public sealed record Invalid(string Message) : DispatcherEvent;

    /// <summary>
    /// A watched change in one account (an "AWS API Call via CloudTrail" the account forwarded): to be debounced on
    /// the change queue, not scanned at once.
    /// </summary>
    public sealed record Change(string AccountId, ScanTrigger Trigger) : DispatcherEvent;

    /// <summary>
    /// What the change queue let through, one batch of it: each account's first change of its window, to be
    /// scanned now. Bodies that could not be read are listed in <see cref="Unreadable"/>, to be logged, not retried.
    /// </summary>
    public sealed record DebouncedChanges(IReadOnlyList<AccountChange> Changes, IReadOnlyList<string> Unreadable) : DispatcherEvent;

    /// <summary>
    /// An event from the change bus that cannot be acted on (a shape we do not know, a record without an account):
    /// logged as a warning and dropped. Not <see cref="Invalid"/>: an asynchronous caller would only retry it.
    /// </summary>
    public sealed record Dropped(string Reason) : DispatcherEvent;

    private const string ExpectedShapes =
        "expected an EventBridge event (schedule, CreateAccountResult, CreateManagedAccount, a watched AWS API call), a batch from the change queue, {} for the whole organization, or {\"accountIds\": [\"123456789012\", ...]}";

    public static DispatcherEvent Parse(ReadOnlyMemory<byte> payload)
    {
        if (payload.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return new Invalid($"the payload is empty; {ExpectedShapes}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException exception)
        {
            return new Invalid($"the payload is not valid JSON: {JsonErrors.Describe(exception, "payload")}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Invalid($"the payload is a JSON {Describe(root.ValueKind)}; {ExpectedShapes}");
            }

            if (root.TryGetProperty("detail-type", out _) || root.TryGetProperty("source", out _))
            {
                return FromEventBridge(root);
            }

            if (root.TryGetProperty("Records", out _))
            {
                return FromChangeQueue(root);
            }

            return FromDirectInvocation(root);
        }
    }

    private static DispatcherEvent FromEventBridge(JsonElement root)
    {
        EventBridgeEvent envelope;
        try
        {
            envelope = root.Deserialize(LambdaJsonContext.Default.EventBridgeEvent)
                ?? throw new JsonException("null");
        }
        catch (JsonException exception)
        {
            return new Invalid($"the EventBridge event is malformed: {JsonErrors.Describe(exception, "event")}");
        }

        if (envelope.Source == EventBridgeEvent.ScheduleSource && envelope.DetailType == EventBridgeEvent.ScheduledEventDetailType)
        {
            var rule = envelope.Resources is [var first, ..] ? first : envelope.Id;
            return new WholeOrganization($"scheduled event from {rule}");
        }

        if (envelope.DetailType == EventBridgeEvent.CloudTrailApiCallDetailType)
        {
            return FromApiCall(envelope);
        }

        if (envelope.DetailType != EventBridgeEvent.CloudTrailServiceEventDetailType
            || (envelope.Source != EventBridgeEvent.OrganizationsSource && envelope.Source != EventBridgeEvent.ControlTowerSource))
        {
            return new Ignored($"EventBridge event '{envelope.DetailType}' from '{envelope.Source}' is not one the dispatcher acts on");
        }

        var (detail, malformed) = ReadDetail(envelope.Detail);
        if (detail is null)
        {
            return new Invalid(malformed is null
                ? "detail: is required and must be an object for an 'AWS Service Event via CloudTrail'"
                : $"the CloudTrail event is malformed: {malformed}");
        }

        return (envelope.Source, detail.EventName) switch
        {
            (EventBridgeEvent.OrganizationsSource, CloudTrailEventDetail.CreateAccountResult) => FromCreateAccountResult(detail),
            (EventBridgeEvent.ControlTowerSource, CloudTrailEventDetail.CreateManagedAccount) => FromCreateManagedAccount(detail),
            _ => new Ignored($"CloudTrail event '{detail.EventName}' from '{envelope.Source}' is not one the dispatcher acts on"),
        };
    }

    /// <summary>
    /// A CloudTrail API call forwarded by an account. The account is the envelope's: EventBridge sets it to the
    /// account the event happened in and keeps it when the event is forwarded to another account's bus, and no
    /// account can put an event with an "aws." source. Whether that account is in the organization is checked
    /// later, against the organization itself.
    /// </summary>
    private static DispatcherEvent FromApiCall(EventBridgeEvent envelope)
    {
        var what = $"'{EventBridgeEvent.CloudTrailApiCallDetailType}' from '{envelope.Source}' (event {envelope.Id})";
        var (detail, malformed) = ReadDetail(envelope.Detail);
        if (detail is null)
        {
            return new Dropped(malformed is null ? $"{what} has no detail object" : $"{what} is malformed: {malformed}");
        }

        if (!WatchedChanges.IsWatched(envelope.Source, detail.EventSource, detail.EventName))
        {
            return new Ignored($"CloudTrail event '{detail.EventName}' ({detail.EventSource}) from '{envelope.Source}' is not a change the scanner watches");
        }

        if (!string.IsNullOrEmpty(detail.ErrorCode))
        {
            return new Ignored($"{detail.EventName} in account {envelope.Account} failed ({detail.ErrorCode}): nothing changed");
        }

        if (!AwsAccountId.IsValid(envelope.Account))
        {
            return new Dropped($"{what}: account '{envelope.Account}' is not a 12-digit account id");
        }

        var trigger = new ScanTrigger(
            detail.EventName!,
            detail.EventSource!,
            NonEmpty(detail.EventTime, envelope.Time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), "an unknown time"),
            detail.UserIdentity?.Describe() ?? "an unnamed principal",
            NonEmpty(detail.AwsRegion, envelope.Region, "an unknown Region"),
            NonEmpty(detail.EventId, envelope.Id, "unknown"));
        return new Change(envelope.Account, trigger);
    }

    /// <summary>
    /// The CloudTrail record in an envelope's detail. Both null: there is no detail object. Detail null and
    /// Malformed set: the detail does not read as a CloudTrail record, Malformed naming the field.
    /// </summary>
    private static (CloudTrailEventDetail? Detail, string? Malformed) ReadDetail(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } detail)
        {
            return (null, null);
        }

        try
        {
            return (detail.Deserialize(LambdaJsonContext.Default.CloudTrailEventDetail) ?? throw new JsonException("null"), null);
        }
        catch (JsonException exception)
        {
            return (null, JsonErrors.Describe(exception, "detail", prefix: "detail."));
        }
    }

    /// <summary>A batch from the change queue (an SQS event): each body is an <see cref="AccountChange"/>.</summary>
    private static DispatcherEvent FromChangeQueue(JsonElement root)
    {
        SqsEvent batch;
        try
        {
            batch = root.Deserialize(LambdaJsonContext.Default.SqsEvent) ?? throw new JsonException("null");
        }
        catch (JsonException exception)
        {
            return new Invalid($"the payload is an SQS or SNS event (it has 'Records') that cannot be read: {JsonErrors.Describe(exception, "Records")}");
        }

        if (batch.Records.Count == 0 || batch.Records.Any(r => r.EventSource != "aws:sqs"))
        {
            return new Invalid($"the payload is an SQS or SNS event (it has 'Records') but not a batch from the change queue, the only one the dispatcher reads; {ExpectedShapes}");
        }

        var changes = new List<AccountChange>();
        var dropped = new List<string>();
        foreach (var record in batch.Records)
        {
            if (AccountChange.TryParse(record.Body, out var change, out var error))
            {
                changes.Add(change);
            }
            else
            {
                dropped.Add($"message {record.MessageId}: {error}");
            }
        }

        return new DebouncedChanges(changes, dropped);
    }

    private static string NonEmpty(params string?[] values) => values.First(v => !string.IsNullOrWhiteSpace(v))!;

    private static DispatcherEvent FromCreateAccountResult(CloudTrailEventDetail detail)
    {
        const string Field = "detail.serviceEventDetails.createAccountStatus";
        var status = detail.ServiceEventDetails?.CreateAccountStatus;
        if (status is null)
        {
            return new Invalid($"{Field}: is required for CreateAccountResult");
        }

        if (status.State != CreateAccountStatus.Succeeded)
        {
            var why = string.IsNullOrEmpty(status.FailureReason) ? "" : $" ({status.FailureReason})";
            return new Ignored($"CreateAccountResult {status.State ?? "without a state"}{why} for request {status.Id}: only created accounts are scanned");
        }

        if (!AwsAccountId.IsValid(status.AccountId))
        {
            return new Invalid($"{Field}.accountId: '{status.AccountId}' is not a 12-digit account id");
        }

        return new Accounts([status.AccountId!], $"account {status.AccountId} created (CreateAccountResult)");
    }

    private static DispatcherEvent FromCreateManagedAccount(CloudTrailEventDetail detail)
    {
        const string Field = "detail.serviceEventDetails.createManagedAccountStatus";
        var status = detail.ServiceEventDetails?.CreateManagedAccountStatus;
        if (status is null)
        {
            return new Invalid($"{Field}: is required for CreateManagedAccount");
        }

        if (status.State != CreateAccountStatus.Succeeded)
        {
            return new Ignored($"Control Tower CreateManagedAccount {status.State ?? "without a state"}: only created accounts are scanned");
        }

        var accountId = status.Account?.AccountId;
        if (!AwsAccountId.IsValid(accountId))
        {
            return new Invalid($"{Field}.account.accountId: '{accountId}' is not a 12-digit account id");
        }

        var ou = status.OrganizationalUnit?.OrganizationalUnitName;
        var where = string.IsNullOrEmpty(ou) ? "" : $" in OU {ou}";
        return new Accounts([accountId!], $"account {accountId} enrolled by Control Tower{where} (CreateManagedAccount)");
    }

    private static DispatcherEvent FromDirectInvocation(JsonElement root)
    {
        string reason = "direct invocation";
        List<string>? accountIds = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "reason" when property.Value.ValueKind == JsonValueKind.String:
                    reason = property.Value.GetString()!;
                    break;
                case "reason" when property.Value.ValueKind != JsonValueKind.Null:
                    return new Invalid($"reason: must be a string, got a {Describe(property.Value.ValueKind)}");
                case "reason":
                    break;
                case "accountIds":
                    var problem = ReadAccountIds(property.Value, out accountIds);
                    if (problem is not null)
                    {
                        return new Invalid(problem);
                    }

                    break;
                default:
                    return new Invalid($"{property.Name}: is not a property the dispatcher knows; {ExpectedShapes}");
            }
        }

        return accountIds is null
            ? new WholeOrganization(reason)
            : new Accounts(accountIds, reason);
    }

    private static string? ReadAccountIds(JsonElement value, out List<string>? accountIds)
    {
        accountIds = null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            return $"accountIds: must be an array of 12-digit account id strings, got a {Describe(value.ValueKind)} (omit it to scan the whole organization)";
        }

        var ids = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                // A number loses leading zeros (012345678901), so only strings are account ids.
                return $"accountIds[{index}]: must be a string of 12 digits, got a {Describe(item.ValueKind)} {item.GetRawText()}";
            }

            var id = item.GetString()!;
            if (!AwsAccountId.IsValid(id))
            {
                return $"accountIds[{index}]: '{id}' is not a 12-digit account id";
            }

            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }

            index++;
        }

        if (ids.Count == 0)
        {
            return "accountIds: is empty; list at least one account id, or omit accountIds to scan the whole organization";
        }

        accountIds = ids;
        return null;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
