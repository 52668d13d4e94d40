namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;

/// <summary>What a check is, declared beside its logic; the README's check table is generated from these.</summary>
public sealed record CheckMetadata
{
    /// <summary>Stable id, family.name (iam.local-user). Part of every finding id: never rename.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The highest severity the check raises; the README table and Security Hub filters use it.</summary>
    public required Severity Severity { get; init; }

    /// <summary>
    /// The lowest severity the check raises on a failure, when it grades results (iam.local-user: Low to High).
    /// Null when every failure has <see cref="Severity"/>.
    /// </summary>
    public Severity? MinimumSeverity { get; init; }

    public required string Description { get; init; }
    public required string Remediation { get; init; }
    public required string RemediationUrl { get; init; }

    /// <summary>ASFF finding types, e.g. "Software and Configuration Checks/AWS Security Best Practices".</summary>
    public required IReadOnlyList<string> FindingTypes { get; init; }

    /// <summary>Related controls: "CIS AWS Foundations 1.4", "AWS FSBP IAM.4". Empty when none corresponds.</summary>
    public IReadOnlyList<string> Controls { get; init; } = [];

    /// <summary>
    /// The collections the check reads (DataSource constants). A gap in one of them, in a region, means the
    /// check's findings in that region are neither raised nor resolved by this scan.
    /// </summary>
    public required IReadOnlyList<string> DataSources { get; init; }
}
