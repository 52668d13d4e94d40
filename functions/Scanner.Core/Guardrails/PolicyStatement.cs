namespace Scanner.Core.Guardrails;

/// <summary>
/// One statement of an SCP, as written. Exactly one of Actions / NotActions is set (the parser refuses anything
/// else); Resources and NotResources are both null when the statement names no resource, which SCPs read as "*".
/// </summary>
public sealed record PolicyStatement
{
    public string? Sid { get; init; }

    /// <summary>True for Allow, false for Deny.</summary>
    public required bool IsAllow { get; init; }

    public IReadOnlyList<string>? Actions { get; init; }
    public IReadOnlyList<string>? NotActions { get; init; }
    public IReadOnlyList<string>? Resources { get; init; }
    public IReadOnlyList<string>? NotResources { get; init; }

    /// <summary>Every operator/key pair of the Condition block; all must hold for the statement to apply.</summary>
    public IReadOnlyList<ConditionClause> Conditions { get; init; } = [];

    /// <summary>How a person would point at the statement: its Sid, or its position.</summary>
    public required string Label { get; init; }
}

/// <summary>
/// One operator and key of a Condition block with its values ("StringNotEquals": {"aws:RequestedRegion": [..]}).
/// Values that were booleans or numbers in the document are kept as their JSON text ("true", "3").
/// </summary>
public sealed record ConditionClause(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>A parsed SCP document: its statements in order.</summary>
public sealed record PolicyDocument(IReadOnlyList<PolicyStatement> Statements);
