using System.Text.Json.Serialization;

namespace Scanner.Lambda.Events;

/// <summary>
/// The <c>detail</c> of an "AWS Service Event via CloudTrail" or an "AWS API Call via CloudTrail": the CloudTrail
/// record, of which only what the dispatcher acts on is mapped (the rest is ignored on reading).
/// </summary>
public sealed record CloudTrailEventDetail
{
    public const string CreateAccountResult = "CreateAccountResult";
    public const string CreateManagedAccount = "CreateManagedAccount";

    public string? EventVersion { get; init; }

    public string? EventSource { get; init; }

    public string? EventName { get; init; }

    public string? EventTime { get; init; }

    public string? AwsRegion { get; init; }

    [JsonPropertyName("eventID")]
    public string? EventId { get; init; }

    public string? RecipientAccountId { get; init; }

    /// <summary>Who made the call (API calls); for service events, the service.</summary>
    public CloudTrailUserIdentity? UserIdentity { get; init; }

    /// <summary>Set when the call failed (AccessDenied, ValidationException...): nothing changed then.</summary>
    public string? ErrorCode { get; init; }

    public ServiceEventDetails? ServiceEventDetails { get; init; }
}

public sealed record ServiceEventDetails
{
    /// <summary>Organizations' CreateAccountResult.</summary>
    public CreateAccountStatus? CreateAccountStatus { get; init; }

    /// <summary>Control Tower's CreateManagedAccount lifecycle event.</summary>
    public CreateManagedAccountStatus? CreateManagedAccountStatus { get; init; }
}

/// <summary>The state of an Organizations CreateAccount request once it completes.</summary>
public sealed record CreateAccountStatus
{
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string InProgress = "IN_PROGRESS";

    /// <summary>The request id (car-...).</summary>
    public string? Id { get; init; }

    /// <summary>SUCCEEDED, FAILED or IN_PROGRESS.</summary>
    public string? State { get; init; }

    /// <summary>Often masked ("***") by CloudTrail.</summary>
    public string? AccountName { get; init; }

    /// <summary>Present only when the account was created.</summary>
    public string? AccountId { get; init; }

    public string? FailureReason { get; init; }

    /// <summary>CloudTrail writes these as "Sep 8, 2020 7:55:16 PM": kept as text, never parsed.</summary>
    public string? RequestedTimestamp { get; init; }

    public string? CompletedTimestamp { get; init; }
}

/// <summary>Control Tower's account factory outcome.</summary>
public sealed record CreateManagedAccountStatus
{
    public ControlTowerOrganizationalUnit? OrganizationalUnit { get; init; }

    public ControlTowerAccount? Account { get; init; }

    /// <summary>SUCCEEDED or FAILED.</summary>
    public string? State { get; init; }

    public string? Message { get; init; }

    public string? RequestedTimestamp { get; init; }

    public string? CompletedTimestamp { get; init; }
}

public sealed record ControlTowerOrganizationalUnit
{
    public string? OrganizationalUnitName { get; init; }

    public string? OrganizationalUnitId { get; init; }
}

public sealed record ControlTowerAccount
{
    public string? AccountName { get; init; }

    public string? AccountId { get; init; }
}

/// <summary>
/// CloudTrail's <c>userIdentity</c>, of which only what names the principal is mapped. Its <c>accessKeyId</c> is
/// deliberately not read: an access key id is a credential's name, and nothing here needs it.
/// </summary>
public sealed record CloudTrailUserIdentity
{
    /// <summary>IAMUser, AssumedRole, Root, AWSService, FederatedUser, IdentityCenterUser...</summary>
    public string? Type { get; init; }

    public string? Arn { get; init; }

    public string? PrincipalId { get; init; }

    public string? AccountId { get; init; }

    public string? UserName { get; init; }

    /// <summary>The AWS service that made the call on the principal's behalf, or signed it (AWSService).</summary>
    public string? InvokedBy { get; init; }

    /// <summary>The principal as a person reads it: the ARN, else the acting service, else the principal id, else the type.</summary>
    public string Describe() =>
        FirstOf(Arn, InvokedBy, PrincipalId, UserName, Type) ?? "an unnamed principal";

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
