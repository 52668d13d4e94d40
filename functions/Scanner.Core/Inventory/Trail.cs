namespace Scanner.Core.Inventory;

/// <summary>A CloudTrail trail with the status GetTrailStatus reported for it.</summary>
public sealed record Trail
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string HomeRegion { get; init; }
    public bool IsOrganizationTrail { get; init; }
    public bool IsMultiRegionTrail { get; init; }
    public bool LogFileValidationEnabled { get; init; }
    public bool IncludeGlobalServiceEvents { get; init; }
    public string? S3BucketName { get; init; }
    public string? KmsKeyId { get; init; }

    /// <summary>Null when the status could not be read (the gap is recorded separately).</summary>
    public bool? IsLogging { get; init; }
}
