using System.Collections;
using System.Globalization;
using System.Text;
using Scanner.Core.Policy;

namespace Scanner.Lambda.Configuration;

/// <summary>Which function is reading its settings: some variables are required by one only.</summary>
public enum FunctionRole
{
    Dispatcher,
    AccountScanner,
}

/// <summary>
/// The functions' settings, read once at init from the environment the SAM template sets. Every value obeys the
/// same rules as in a policy document or on the CLI's command line (<see cref="PolicyValidation"/>: account ids,
/// Region names, role names, tag keys, days). Every problem is collected and reported together in one
/// <see cref="ConfigurationException"/>, each naming the variable.
/// </summary>
/// <remarks>
/// The scan policy comes from the document at POLICY_URI alone; the variables APPROVED_REGIONS, REQUIRED_TAGS and
/// MAX_KEY_AGE_DAYS are refused beside it, so that no value is silently shadowed. Without POLICY_URI those variables,
/// when set, are laid over the default policy (no approved Regions or required tags: those checks report nothing).
/// </remarks>
public sealed record FunctionSettings
{
    public const int DefaultAccountConcurrency = 8;
    public const int DefaultRegionConcurrency = 4;
    public const int MaxConcurrency = 100;

    /// <summary>Policy values that may come from the environment only when no policy document is given.</summary>
    public static readonly IReadOnlyList<string> PolicyVariables = ["APPROVED_REGIONS", "REQUIRED_TAGS", "MAX_KEY_AGE_DAYS"];

    /// <summary>AUDIT_ROLE_NAME: the role assumed in every member account (deployed by audit-role.yaml).</summary>
    public required string AuditRoleName { get; init; }

    /// <summary>POLICY_URI: the policy document in S3 (s3://bucket/key); null to scan with the environment's values or the defaults.</summary>
    public PolicyUri? PolicyUri { get; init; }

    /// <summary>
    /// Without POLICY_URI: APPROVED_REGIONS, REQUIRED_TAGS and MAX_KEY_AGE_DAYS as given (null members were not set).
    /// </summary>
    public PolicySettings EnvironmentPolicy { get; init; } = new();

    /// <summary>SCANNER_STACK_NAME: the scanner's own stack, whose resources are not management-account workloads.</summary>
    public string? ScannerStackName { get; init; }

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
        reader.Check("AUDIT_ROLE_NAME", auditRoleName, PolicyValidation.RoleNameProblem);

        var region = reader.Optional("AWS_REGION") ?? reader.Optional("AWS_DEFAULT_REGION");
        if (region is null)
        {
            reader.Fail("AWS_REGION", "is required (Lambda sets it; set it yourself when running elsewhere)");
        }

        reader.Check("AWS_REGION", region, PolicyValidation.RegionProblem);

        var policyUriText = reader.Optional("POLICY_URI");
        PolicyUri? policyUri = null;
        if (policyUriText is not null)
        {
            reader.Check("POLICY_URI", policyUriText, PolicyValidation.S3UriProblem);
            policyUri = PolicyValidation.S3UriProblem(policyUriText) is null ? PolicyUri.Parse(policyUriText, "POLICY_URI") : null;
            foreach (var variable in PolicyVariables.Where(v => reader.Optional(v) is not null))
            {
                reader.Fail(variable, "is not read when POLICY_URI is set: the scan policy comes from the policy document alone; put the value there and unset the variable");
            }
        }

        var approvedRegions = reader.List("APPROVED_REGIONS");
        foreach (var approved in approvedRegions ?? [])
        {
            reader.Check("APPROVED_REGIONS", approved, PolicyValidation.RegionProblem);
        }

        var requiredTags = reader.List("REQUIRED_TAGS");
        foreach (var tag in requiredTags ?? [])
        {
            reader.Check("REQUIRED_TAGS", tag, PolicyValidation.TagKeyProblem);
        }

        int? maxKeyAgeDays = null;
        if (reader.Optional("MAX_KEY_AGE_DAYS") is { } age)
        {
            var (days, problem) = PolicyValidation.ParseDays(age);
            reader.Check("MAX_KEY_AGE_DAYS", age, _ => problem);
            maxKeyAgeDays = problem is null ? days : null;
        }

        var scannerStackName = reader.Optional("SCANNER_STACK_NAME");
        reader.Check("SCANNER_STACK_NAME", scannerStackName, PolicyValidation.StackNameProblem);

        var accountConcurrency = reader.Integer("ACCOUNT_CONCURRENCY", DefaultAccountConcurrency, minimum: 1, maximum: MaxConcurrency);
        var regionConcurrency = reader.Integer("REGION_CONCURRENCY", DefaultRegionConcurrency, minimum: 1, maximum: MaxConcurrency);

        // The problem never quotes the value: an external id is a shared secret of sorts.
        var externalId = reader.Optional("EXTERNAL_ID");
        reader.Check("EXTERNAL_ID", externalId, PolicyValidation.ExternalIdProblem);

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
        reader.Check("ORG_READ_ROLE_ARN", organizationReadRoleArn, PolicyValidation.RoleArnProblem);

        var endpointUrl = reader.Url("AWS_ENDPOINT_URL");

        if (reader.Errors.Count > 0)
        {
            throw new ConfigurationException(reader.Errors);
        }

        return new FunctionSettings
        {
            AuditRoleName = auditRoleName!,
            PolicyUri = policyUri,
            EnvironmentPolicy = new PolicySettings
            {
                ApprovedRegions = approvedRegions,
                RequiredTags = requiredTags,
                MaxAccessKeyAgeDays = maxKeyAgeDays,
            },
            ScannerStackName = scannerStackName,
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

    /// <summary>
    /// What the function itself decides about a scan, laid over whatever policy is in force: how accounts are entered
    /// (the template grants sts:AssumeRole on exactly this role name) and which stack is the scanner's own.
    /// </summary>
    public PolicySettings FunctionPolicySettings => new()
    {
        AuditRoleName = AuditRoleName,
        ExternalId = ExternalId,
        ScannerStackName = ScannerStackName,
    };

    // Records print every property; the external id must not reach a log through a settings dump.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"AuditRoleName = {AuditRoleName}, ");
        builder.Append(CultureInfo.InvariantCulture, $"PolicyUri = {PolicyUri}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ApprovedRegions = [{string.Join(",", EnvironmentPolicy.ApprovedRegions ?? [])}], ");
        builder.Append(CultureInfo.InvariantCulture, $"RequiredTags = [{string.Join(",", EnvironmentPolicy.RequiredTags ?? [])}], ");
        builder.Append(CultureInfo.InvariantCulture, $"MaxKeyAgeDays = {EnvironmentPolicy.MaxAccessKeyAgeDays}, ");
        builder.Append(CultureInfo.InvariantCulture, $"ScannerStackName = {ScannerStackName}, ");
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

    /// <summary>Reads variables and collects what is wrong with them, in the order read.</summary>
    private sealed class Reader(IDictionary environment)
    {
        public List<string> Errors { get; } = [];

        public void Fail(string variable, string problem) => Errors.Add($"{variable}: {problem}");

        /// <summary>Applies one of the policy's rules to a value that was given (an unset one is not checked here).</summary>
        public void Check(string variable, string? value, Func<string, string?> problemOf)
        {
            if (value is not null && problemOf(value) is { } problem)
            {
                Fail(variable, problem);
            }
        }

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

        /// <summary>A comma-separated list, in the order given, without duplicates; null when unset.</summary>
        public List<string>? List(string variable)
        {
            var value = Optional(variable);
            if (value is null)
            {
                return null;
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
