using System.Globalization;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Publishing;

/// <summary>
/// The lengths and counts Security Hub enforces on an imported finding (AWS Security Finding Format), and the one
/// way this scanner fits text into them (<see cref="AsffLimits.Shorten"/>): cut on a character boundary and end with an
/// ellipsis, so a reader can tell that something was cut. The text limits are the evaluator's, in Scanner.Core.
/// </summary>
public static class AsffFormat
{
    public const string SchemaVersion = "2018-10-08";

    public const int TitleLength = AsffLimits.MaxTitleLength;
    public const int DescriptionLength = AsffLimits.MaxDescriptionLength;
    public const int RecommendationTextLength = AsffLimits.MaxRemediationLength;
    public const int TypesCount = 50;
    public const int RelatedRequirementsCount = 32;

    /// <summary>ProductFields: at most 50 pairs, keys of 128 characters, values of 2048.</summary>
    public const int ProductFieldsCount = 50;
    public const int FieldKeyLength = 128;
    public const int ProductFieldValueLength = 2048;

    /// <summary>Resource Details.Other: kept to 50 pairs of 128/1024 characters.</summary>
    public const int OtherDetailsCount = 50;
    public const int OtherDetailValueLength = 1024;

    /// <summary>"The maximum allowed size for a finding is 240 Kb": we keep each finding's JSON under 240,000 bytes.</summary>
    public const int FindingBytes = 240_000;

    /// <summary>BatchImportFindings takes 1 to 100 findings a call.</summary>
    public const int FindingsPerBatch = 100;

    /// <summary>ASFF timestamps: ISO 8601, UTC, milliseconds (2024-05-01T12:00:00.000Z).</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads a timestamp Security Hub returned (any ISO 8601 form); null when absent or unreadable.</summary>
    public static DateTimeOffset? ParseTimestamp(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
