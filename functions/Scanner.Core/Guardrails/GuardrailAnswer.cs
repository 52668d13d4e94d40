namespace Scanner.Core.Guardrails;

/// <summary>What the SCPs in effect for an account say about one call.</summary>
public enum GuardrailVerdict
{
    /// <summary>Every ordinary principal of the account is denied the call (explicitly, or because a level allows nothing).</summary>
    Denied,

    /// <summary>Some ordinary principal can make the call as far as the SCPs go.</summary>
    NotDenied,

    /// <summary>A statement that could decide it depends on something the evaluator does not know (a condition key or operator).</summary>
    CannotTell,

    /// <summary>A policy on the account's path could not be read as a policy document.</summary>
    Error,
}

/// <summary>
/// The answer to one guardrail question, with what a person needs to act on it: which statements deny, which
/// principals are exempted, what keeps the evaluator from deciding, and which policies could not be read.
/// </summary>
public sealed record GuardrailAnswer
{
    public required GuardrailQuestion Question { get; init; }
    public required GuardrailVerdict Verdict { get; init; }

    /// <summary>The deny statements that apply, as "policy 'Name' (p-id) at OU 'X': Statement[0] (Sid)".</summary>
    public IReadOnlyList<string> DeniedBy { get; init; } = [];

    /// <summary>Principal ARN patterns every applying deny statement exempts (aws:PrincipalArn ArnNotLike and kin).</summary>
    public IReadOnlyList<string> ExemptedPrincipals { get; init; } = [];

    /// <summary>Why the answer is not a plain yes: unknown conditions, denies scoped to some resources, a level allowing nothing.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Policies that could not be parsed, each naming the policy, where it is attached, and what is wrong.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>
/// The question a guardrail check asks: can an ordinary principal of the account call <see cref="Action"/> in
/// <see cref="Region"/>? <see cref="Resource"/> null means on every resource: a deny scoped to some ARNs does not count.
/// </summary>
public sealed record GuardrailQuestion(string Action, string Region, string? Resource = null);
