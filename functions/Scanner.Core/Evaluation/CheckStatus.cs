namespace Scanner.Core.Evaluation;

/// <summary>The outcome of one check on one subject. Mirrors ASFF Compliance.Status plus EXEMPTED.</summary>
public enum CheckStatus
{
    Passed,
    Failed,
    Exempted,
    Error,

    /// <summary>
    /// The check does not apply to this subject, and says why (SCPs never govern the management account). Neither a
    /// pass nor a failure: ASFF's NOT_AVAILABLE.
    /// </summary>
    NotApplicable,
}
