namespace Scanner.Commands;

/// <summary>Everything `scan` was asked to do, as parsed from its options.</summary>
public sealed record ScanRequest
{
    public string? EndpointUrl { get; init; }
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public string? AuditRole { get; init; }
    public string? ExternalId { get; init; }
    public string? ApprovedRegions { get; init; }
    public string? RequiredTags { get; init; }
    public int? MaxKeyAge { get; init; }
    public string? PolicyFile { get; init; }
    public IReadOnlyList<string> Accounts { get; init; } = [];
    public OutputFormat Format { get; init; } = OutputFormat.Table;
    public string? HtmlFile { get; init; }
    public bool Publish { get; init; }
    public int Concurrency { get; init; } = 16;
    public int RegionConcurrency { get; init; } = 4;
}

public enum OutputFormat
{
    Table,
    Json,
    Csv,
    Asff,
    Ocsf,
}
