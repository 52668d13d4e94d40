namespace Scanner.Core.Inventory;

/// <summary>A local IAM user, merged from the credential report and the per-user calls it lacks (tags).</summary>
public sealed record IamUser
{
    public required string UserName { get; init; }
    public required string Arn { get; init; }
    public string UserId { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when the user has a console password (a login profile).</summary>
    public bool HasConsolePassword { get; init; }
    public DateTimeOffset? PasswordLastUsed { get; init; }
    public bool MfaActive { get; init; }
    public IReadOnlyList<AccessKey> AccessKeys { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

/// <summary>A long-lived access key. The secret is never collected; only the key id, which is not a secret.</summary>
public sealed record AccessKey
{
    public required string AccessKeyId { get; init; }
    public required string UserName { get; init; }
    public bool IsActive { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public string? LastUsedService { get; init; }
    public string? LastUsedRegion { get; init; }
}
