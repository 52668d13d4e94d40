namespace Scanner.Aws.Publishing;

/// <summary>
/// What one account's publish did. Every finding that Security Hub refused is listed in <see cref="Failed"/>
/// with its error code: nothing is dropped silently. <see cref="Error"/> is set when the publish could not run
/// at all (Security Hub not enabled, access denied); the org scan goes on with the other accounts.
/// </summary>
public sealed record PublishOutcome
{
    public required string AccountId { get; init; }

    /// <summary>The Region whose Security Hub received the findings (the account's home Region).</summary>
    public required string Region { get; init; }

    /// <summary>Failures imported for the first time.</summary>
    public int Created { get; init; }

    /// <summary>Findings resolved earlier that failed again: the same id is ACTIVE and FAILED again.</summary>
    public int Reactivated { get; init; }

    /// <summary>Active findings still failing, re-imported with the same id (UpdatedAt and LastObservedAt moved).</summary>
    public int Updated { get; init; }

    /// <summary>Active findings no longer failing, imported as PASSED and ARCHIVED.</summary>
    public int Resolved { get; init; }

    /// <summary>Exempted results recorded (or refreshed) as PASSED, ARCHIVED findings carrying the exemption.</summary>
    public int Exempted { get; init; }

    /// <summary>
    /// Active findings left exactly as they were because this scan could not re-check them (their check did not
    /// run, or its data source has a gap in their region), plus exemption records that needed no refresh.
    /// </summary>
    public int Unchanged { get; init; }

    /// <summary>Findings Security Hub (or the size limit) refused, after retries of the transient failures.</summary>
    public IReadOnlyList<FailedFinding> Failed { get; init; } = [];

    /// <summary>Why nothing was published for the account, for a person; null when the publish ran.</summary>
    public string? Error { get; init; }

    /// <summary>The AWS error code behind <see cref="Error"/> (InvalidAccessException, AccessDeniedException), if any.</summary>
    public string? ErrorCode { get; init; }

    public bool Succeeded => Error is null && Failed.Count == 0;

    /// <summary>Number of findings sent to BatchImportFindings and accepted.</summary>
    public int Imported => Created + Reactivated + Updated + Resolved + Exempted;
}

/// <summary>One finding Security Hub did not accept, with the code and message it gave (or ours, e.g. FindingTooLarge).</summary>
public sealed record FailedFinding(string Id, string ErrorCode, string Message);
