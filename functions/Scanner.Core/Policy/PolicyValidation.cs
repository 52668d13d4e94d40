namespace Scanner.Core.Policy;

using System.Globalization;
using System.Text.RegularExpressions;
using Scanner.Core.Checks;

/// <summary>
/// The rules every policy value obeys, whether it comes from the policy file, a command-line flag or an
/// environment variable. Each public method returns the value when it is valid and otherwise throws a
/// <see cref="PolicyException"/> naming <c>field</c>, so the CLI can report "--region: 'us-east-9x' is not a valid
/// region name" in the same words the file loader uses.
/// </summary>
public static partial class PolicyValidation
{
    public const int MaxTagKeyLength = 128;

    public static string Region(string value, string field) => Valid(value, RegionProblem(value), field);

    public static string AccountId(string value, string field) => Valid(value, AccountIdProblem(value), field);

    public static string TagKey(string value, string field) => Valid(value, TagKeyProblem(value), field);

    public static string CheckId(string value, string field) => Valid(value, CheckIdProblem(value), field);

    public static string RoleName(string value, string field) => Valid(value, RoleNameProblem(value), field);

    public static string ExternalId(string value, string field) => Valid(value, ExternalIdProblem(value), field);

    public static string StackName(string value, string field) => Valid(value, StackNameProblem(value), field);

    public static int Days(int value, string field) =>
        DaysProblem(value) is { } problem ? throw Single(field, problem) : value;

    /// <summary>Days written as text (a flag or an environment variable).</summary>
    public static int Days(string value, string field)
    {
        var (days, problem) = ParseDays(value);
        return problem is null ? days : throw Single(field, problem);
    }

    public static DateOnly Date(string value, string field)
    {
        var (date, problem) = ParseDate(value);
        return problem is null ? date : throw Single(field, problem);
    }

    public static string? RegionProblem(string? value) =>
        value is not null && RegionPattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not a valid region name (expected a name like eu-west-1)";

    public static string? AccountIdProblem(string? value) =>
        value is not null && AccountIdPattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not an account id (expected 12 digits; quote it in YAML to keep leading zeros)";

    public static string? TagKeyProblem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "a tag key must not be empty";
        }

        if (value.Length > MaxTagKeyLength)
        {
            return $"tag key '{Shorten(value)}' is {value.Length} characters long; AWS allows at most {MaxTagKeyLength}";
        }

        return TagKeyPattern().IsMatch(value)
            ? null
            : $"tag key '{Shorten(value)}' has a character AWS does not allow in a tag key (letters, digits, spaces and _ . : / = + - @)";
    }

    /// <summary>A resource type as AWS Config names it (botocore config ResourceType): AWS::Service::Type.</summary>
    public static string? ConfigResourceTypeProblem(string? value) =>
        value is not null && ConfigResourceTypePattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not an AWS Config resource type (expected a name like AWS::EC2::Instance)";

    public static string? CheckIdProblem(string? value) =>
        value is not null && CheckCatalog.IsRunnable(value)
            ? null
            : $"{Quote(value)} is not a known check id (known: {string.Join(", ", CheckCatalog.RunnableIds)})";

    public static string? RoleNameProblem(string? value) =>
        value is not null && RoleNamePattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not a valid IAM role name (1 to 64 letters, digits and + = , . @ _ -)";

    public static string? ExternalIdProblem(string? value) =>
        value is not null && ExternalIdPattern().IsMatch(value)
            ? null
            : "the external id must be 2 to 1224 letters, digits and + = , . @ : / _ - (the value is not shown: treat it as a secret)";

    public static string? StackNameProblem(string? value) =>
        value is not null && StackNamePattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not a valid CloudFormation stack name (a letter, then up to 127 letters, digits and hyphens)";

    public static string? DaysProblem(int value) =>
        value < 0 ? $"{value.ToString(CultureInfo.InvariantCulture)} is negative; give a number of days, 0 or more" : null;

    /// <summary>The most days an unchanged finding may wait for a refresh: well inside Security Hub's 90-day retention.</summary>
    public const int MaxFindingRefreshDays = 60;

    internal static string? RefreshDaysProblem(int value) =>
        value is < 1 or > MaxFindingRefreshDays
            ? $"{value.ToString(CultureInfo.InvariantCulture)} is not between 1 and {MaxFindingRefreshDays.ToString(CultureInfo.InvariantCulture)} days (Security Hub deletes a finding not updated for 90 days)"
            : null;

    public static (int Days, string? Problem) ParseDays(string? value)
    {
        if (value is not null && IntegerPattern().IsMatch(value)
            && int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            return (days, DaysProblem(days));
        }

        return (0, $"{Quote(value)} is not a whole number of days");
    }

    /// <summary>
    /// An IAM role ARN in any partition (arn:aws:iam::123456789012:role/path/Name), such as the role the dispatcher
    /// assumes to read Organizations from a delegated-administrator account.
    /// </summary>
    public static string? RoleArnProblem(string? value) =>
        value is not null && RoleArnPattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not an IAM role ARN (expected arn:aws:iam::123456789012:role/Name)";

    /// <summary>Where a policy document is stored in S3: s3://bucket/key, with a bucket name S3 accepts and a key.</summary>
    public static string? S3UriProblem(string? value) =>
        value is not null && S3UriPattern().IsMatch(value)
            ? null
            : $"{Quote(value)} is not an S3 object URI (expected s3://bucket/key, with a bucket name of 3 to 63 lowercase letters, digits, dots and hyphens)";

    internal static (DateOnly Date, string? Problem) ParseDate(string? value)
    {
        if (value is not null && DatePattern().IsMatch(value)
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, null);
        }

        return (default, $"{Quote(value)} is not a date (expected YYYY-MM-DD, like 2027-01-31)");
    }

    /// <summary>True for an OU id (ou-ab12-cdef3456); anything else in an override's ou is an OU name.</summary>
    public static bool IsOuId(string value) => value is not null && OuIdPattern().IsMatch(value);

    private static T Valid<T>(T value, string? problem, string field) =>
        problem is null ? value : throw Single(field, problem);

    private static PolicyException Single(string field, string problem) => new(null, [new PolicyError(field, problem)]);

    internal static string Quote(string? value) => value is null ? "nothing" : $"'{Shorten(value)}'";

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";

    // Explicit ASCII classes and \z: \d and \w match other scripts' digits and letters, and $ accepts a trailing newline.
    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigResourceTypePattern();

    [GeneratedRegex(@"^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OuIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@:/_-]{2,1224}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex StackNamePattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^\r\n]{1,1024}\z", RegexOptions.CultureInvariant)]
    private static partial Regex S3UriPattern();

    // The tag key characters of the AWS tagging APIs (Unicode letters, digits and spaces are allowed there).
    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagKeyPattern();

    [GeneratedRegex(@"^-?[0-9]{1,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
