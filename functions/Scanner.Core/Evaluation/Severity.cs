namespace Scanner.Core.Evaluation;

/// <summary>ASFF severity labels, lowest first so that ordering by value ranks by urgency.</summary>
public enum Severity
{
    Informational,
    Low,
    Medium,
    High,
    Critical,
}
