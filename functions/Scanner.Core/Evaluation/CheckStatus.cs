namespace Scanner.Core.Evaluation;

/// <summary>The outcome of one check on one subject. Mirrors ASFF Compliance.Status plus EXEMPTED.</summary>
public enum CheckStatus
{
    Passed,
    Failed,
    Exempted,
    Error,
}
