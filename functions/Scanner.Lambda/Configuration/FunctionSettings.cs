using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scanner.Lambda.Configuration;

/// <summary>Which function is reading its settings: some variables are required by one only.</summary>
public enum FunctionRole
{
    Dispatcher,
    AccountScanner,
}

/// <summary>
/// The functions' settings, read once at init from the environment the SAM template sets. Every problem is
/// collected and reported together in one <see cref="ConfigurationException"/>, each naming the variable.
/// </summary>
public sealed partial record FunctionSettings
{
    public const int DefaultMaxKeyAgeDays = 90;
    public const int DefaultAccountConcurrency = 8;
    public const int DefaultRegionConcurrency = 4;
    public const int MaxConcurrency = 100;

    /// <summary>AUDIT_ROLE_NAME: the role assumed in every member account (deployed by audit-role.yaml).</summary>
    public required string AuditRoleName { get; init; }

    /// <summary>APPROVED_REGIONS: regions where resources may exist, in the order given, without duplicates.</summary>
    public required IReadOnlyList<string> ApprovedRegions { get; init; }

    /// <summary>REQUIRED_TAGS: tag keys every account and resource must carry.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = [];

    /// <summary>MAX_KEY_AGE_DAYS: an active access key older than this fails.</summary>
    public int MaxKeyAgeDays { get; init; } = DefaultMaxKeyAgeDays;

    /// <summary>EXTERNAL_ID: passed on AssumeRole when the audit role's trust policy demands it. Never logged.</summary>
    public string? ExternalId { get; init; }

    /// <summary>SCAN_QUEUE_URL: where the dispatcher sends one job per account. Required for the dispatcher.</summary>
    public Uri? ScanQueueUrl { get; init; }

    /// <summary>
    /// CHANGE_QUEUE_URL: the FIFO queue that debounces changes forwarded by the accounts (dispatcher). Null: change
    /// events are logged and dropped.
    /// </summary>
    public Uri? ChangeQueueUrl { get; init; }

    /// <summary>CHANGE_SCAN_QUEUE_URL: where the dispatcher sends scan jobs caused by changes. Null: the scan queue.</summary>
    public Uri? ChangeScanQueueUrl { get; init; }

    /// <summary>
    /// ORG_READ_ROLE_ARN: a role the dispatcher assumes to read Organizations, for a stack deployed outside the
    /// management account (a delegated administrator). Null: read Organizations with the function's own role.
    /// </summary>
    public string? OrganizationReadRoleArn { get; init; }

    /// <summary>ACCOUNT_CONCURRENCY: accounts scanned at once within one invocation.</summary>
    public int AccountConcurrency { get; init; } = DefaultAccountConcurrency;

    /// <summary>REGION_CONCURRENCY: regions collected at once within one account.</summary>
    public int RegionConcurrency { get; init; } = DefaultRegionConcurrency;

    /// <summary>AWS_ENDPOINT_URL: one endpoint for every service (moto, LocalStack); null in AWS.</summary>
    public Uri? EndpointUrl { get; init; }

    /// <summary>AWS_REGION (or AWS_DEFAULT_REGION): the region the function runs in; Lambda always sets it.</summary>
    public required string Region { get; init; }

    public static FunctionSettings FromEnvironment(FunctionRole role) =>
        FromEnvironment(Environment.GetEnvironmentVariables(), role);

    /// <summary>Reads and validates the settings; an empty variable counts as unset.</summary>
    /// <exception cref="ConfigurationException">One or more variables are missing or malformed; all are listed.</exception>
    public static FunctionSettings FromEnvironment(IDictionary environment, FunctionRole role)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var reader = new Reader(environment);

        var auditRoleName = reader.Required("AUDIT_ROLE_NAME", "the name of the audit role deployed in every account, e.g. 'OrganizationComplianceAudit'");
        if (auditRoleName is not null && !RoleName().IsMatch(auditRoleName))
        {
            reader.Fail("AUDIT_ROLE_NAME", $"'{auditRoleName}' is not a valid IAM role name (1 to 64 of letters, digits and +=,.@_-)");
        }

        var region = reader.Optional("AWS_REGION") ?? reader.Optional("AWS_DEFAULT_REGION");
        if (region is null)
        {
            reader.Fail("AWS_REGION", "is required (Lambda sets it; set it yourself when running elsewhere)");
        }
        else if (!RegionName().IsMatch(region))
        {
            reader.Fail("AWS_REGION", $"'{region}' is not a valid region name");
        }

        var approvedRegions = reader.List("APPROVED_REGIONS");
        if (approvedRegions.Count == 0)
        {
            reader.Fail("APPROVED_REGIONS", "is required: a comma-separated list of region names, e.g. 'us-east-1,eu-west-1'");
        }

        foreach (var approved in approvedRegions)
        {
            if (!RegionName().IsMatch(approved))
            {
                reader.Fail("APPROVED_REGIONS", $"'{approved}' is not a valid region name");
            }
        }

        var requiredTags = reader.List("REQUIRED_TAGS");
        foreach (var tag in requiredTags)
        {
            if (tag.Length > 128 || !TagKey().IsMatch(tag))
            {
                reader.Fail("REQUIRED_TAGS", $"'{tag}' is not a valid tag key (1 to 128 of letters, digits, spaces and _.:/=+-@)");
            }
        }

        var maxKeyAgeDays = reader.Integer("MAX_KEY_AGE_DAYS", DefaultMaxKeyAgeDays, minimum: 1, maximum: 36500);
        var accountConcurrency = reader.Integer("ACCOUNT_CONCURRENCY", DefaultAccountConcurrency, minimum: 1, maximum: MaxConcurrency);
        var regionConcurrency = reader.Integer("REGION_CONCURRENCY", DefaultRegionConcurrency, minimum: 1, maximum: MaxConcurrency);

        var externalId = reader.Optional("EXTERNAL_ID");
        if (externalId is not null && !ExternalIdPattern().IsMatch(externalId))
        {
            // The value stays out of the message: an external id is a shared secret of sorts.
            reader.Fail("EXTERNAL_ID", $"the value (not shown, {externalId.Length} characters) must be 2 to 1224 of letters, digits and +=,.@:/-");
        }

        var scanQueueUrl = reader.Url("SCAN_QUEUE_URL");
        if (role == FunctionRole.Dispatcher && reader.Optional("SCAN_QUEUE_URL") is null)
        {
            reader.Fail("SCAN_QUEUE_URL", "is required for the dispatcher: the URL of the scan queue");
        }

        var changeQueueUrl = reader.Url("CHANGE_QUEUE_URL");
        if (changeQueueUrl is not null && !changeQueueUrl.AbsolutePath.EndsWith(".fifo", StringComparison.Ordinal))
        {
            reader.Fail("CHANGE_QUEUE_URL", $"'{changeQueueUrl}' is not a FIFO queue (its name must end in .fifo): only a FIFO queue deduplicates a burst of changes");
        }

        var changeScanQueueUrl = reader.Url("CHANGE_SCAN_QUEUE_URL");

        var organizationReadRoleArn = reader.Optional("ORG_READ_ROLE_ARN");
        if (organizationReadRoleArn is not null && !RoleArn().IsMatch(organizationReadRoleArn))
        {
            reader.Fail("ORG_READ_ROLE_ARN", $"'{organizationReadRoleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/Name)");
        }

        var endpointUrl = reader.Url("AWS_ENDPOINT_URL");

        if (reader.Errors.Count > 0)
        {
            throw new ConfigurationException(reader.Errors);
        }

        return new FunctionSettings
        {
            AuditRoleName = auditRoleName!,
            ApprovedRegions = approvedRegions,
            RequiredTags = requiredTags,
            MaxKeyAgeDays = maxKeyAgeDays,
            ExternalId = externalId,
            ScanQueueUrl = scanQueueUrl,
            ChangeQueueUrl = changeQueueUrl,
            ChangeScanQueueUrl = changeScanQueueUrl,
            OrganizationReadRoleArn = organizationReadRoleArn,
            AccountConcurrency = accountConcurrency,
            RegionConcurrency = regionConcurrency,
            EndpointUrl = endpointUrl,
            Region = region!,
        };
    }

    /// <summary>The audit role's ARN in one account, in this function's partition.</summary>
    public string AuditRoleArn(string accountId) => $"arn:{Partition}:iam::{accountId}:role/{AuditRoleName}";

    /// <summary>aws, aws-cn, aws-us-gov or an ISO partition, from the function's region.</summary>
    public string Partition => Region switch
    {
        _ when Region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when Region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ when Region.StartsWith("us-isob-", StringComparison.Ordinal) => "aws-iso-b",
        _ when Region.StartsWith("us-iso-", StringComparison.Ordinal) => "aws-iso",
        _ => "aws",
    };

    // Records print every property; the external id must not reach a log through a settings dump.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AuditRoleName = {AuditRoleName}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ApprovedRegions = [{string.Join(",", ApprovedRegions)}], ");
        builder.Append(CultureInfo.InvariantCulture, $"RequiredTags = [{string.Join(",", RequiredTags)}], ");
        builder.Append(CultureInfo.InvariantCulture, $"MaxKeyAgeDays = {MaxKeyAgeDays}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ExternalId = {(ExternalId is null ? "(none)" : "(set)")}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ScanQueueUrl = {ScanQueueUrl}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ChangeQueueUrl = {ChangeQueueUrl}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ChangeScanQueueUrl = {ChangeScanQueueUrl}, ");
        builder.Append(CultureInfo.InvariantCulture, $"OrganizationReadRoleArn = {OrganizationReadRoleArn}, ");
        builder.Append(CultureInfo.InvariantCulture, $"AccountConcurrency = {AccountConcurrency}, ");
        builder.Append(CultureInfo.InvariantCulture, $"RegionConcurrency = {RegionConcurrency}, ");
        builder.Append(CultureInfo.InvariantCulture, $"EndpointUrl = {EndpointUrl}, ");
        builder.Append(CultureInfo.InvariantCulture, $"Region = {Region}");
        return true;
    }

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d+$", RegexOptions.CultureInvariant)]
    internal static partial Regex RegionName();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TagKey();

    /// <summary>Reads variables and collects what is wrong with them, in the order read.</summary>
    private sealed class Reader(IDictionary environment)
    {
        public List<string> Errors { get; } = [];

        public void Fail(string variable, string problem) => Errors.Add($"{variable}: {problem}");

        public string? Optional(string variable)
        {
            var value = environment[variable] as string;
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        public string? Required(string variable, string meaning)
        {
            var value = Optional(variable);
            if (value is null)
            {
                Fail(variable, $"is required: {meaning}");
            }

            return value;
        }

        public List<string> List(string variable)
        {
            var value = Optional(variable);
            if (value is null)
            {
                return [];
            }

            var items = new List<string>();
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!items.Contains(part, StringComparer.Ordinal))
                {
                    items.Add(part);
                }
            }

            return items;
        }

        public int Integer(string variable, int defaultValue, int minimum, int maximum)
        {
            var value = Optional(variable);
            if (value is null)
            {
                return defaultValue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < minimum || number > maximum)
            {
                Fail(variable, $"'{value}' must be a whole number from {minimum} to {maximum}");
                return defaultValue;
            }

            return number;
        }

        public Uri? Url(string variable)
        {
            var value = Optional(variable);
            if (value is null)
            {
                return null;
            }

            if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                Fail(variable, $"'{value}' is not an absolute http(s) URL");
                return null;
            }

            return url;
        }
    }
}
