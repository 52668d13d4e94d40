namespace Scanner.Aws.Errors;

/// <summary>What a caller needs to decide, without matching strings at the call site.</summary>
public enum AwsErrorKind
{
    Other,
    AccessDenied,
    Throttling,
    NotFound,

    /// <summary>The service is not enabled or not subscribed in the account (Security Hub off, Organizations not in use).</summary>
    NotEnabled,

    /// <summary>The service failed (5xx) or the connection did; retrying later may work.</summary>
    Unavailable,

    /// <summary>The request was refused as invalid (bad parameter, validation).</summary>
    InvalidRequest,
}
