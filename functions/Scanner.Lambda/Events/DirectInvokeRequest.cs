namespace Scanner.Lambda.Events;

/// <summary>
/// What a person or a pipeline sends to the dispatcher directly: <c>{}</c> for the whole organization, or
/// <c>{"accountIds": ["123456789012", ...]}</c> for some accounts, with an optional free-text reason.
/// </summary>
public sealed record DirectInvokeRequest
{
    public IReadOnlyList<string>? AccountIds { get; init; }

    public string? Reason { get; init; }
}
