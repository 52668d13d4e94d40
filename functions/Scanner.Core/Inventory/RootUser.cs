namespace Scanner.Core.Inventory;

/// <summary>The root user's row of the credential report.</summary>
public sealed record RootUser
{
    public required string Arn { get; init; }
    public bool MfaActive { get; init; }
    public bool AccessKey1Active { get; init; }
    public bool AccessKey2Active { get; init; }
    public DateTimeOffset? AccessKey1LastUsed { get; init; }
    public DateTimeOffset? AccessKey2LastUsed { get; init; }
    public DateTimeOffset? PasswordLastUsed { get; init; }
}
