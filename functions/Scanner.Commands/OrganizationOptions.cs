using System.CommandLine;

namespace Scanner.Commands;

/// <summary>
/// The options every verb that scans the organization shares (`scan`, `exemptions`): how to reach it, which accounts,
/// which policy, how many accounts at once. One definition, so the verbs cannot drift apart.
/// </summary>
public sealed class OrganizationOptions
{
    private readonly Option<string?> _endpoint = new("--endpoint-url") { Description = "Send every AWS call to this URL (an emulator such as moto). Default: AWS_ENDPOINT_URL, else real AWS." };
    private readonly Option<string?> _region = new("--region") { Description = "Home region of the scan: where global services are signed and findings imported. Default: AWS_REGION, else us-east-1." };
    private readonly Option<string?> _profile = new("--profile") { Description = "Named AWS profile of the management account (or delegated administrator)." };
    private readonly Option<string?> _auditRole = new("--audit-role") { Description = "Name of the read-only role assumed in every account. Default: OrganizationComplianceAudit (env AUDIT_ROLE_NAME)." };
    private readonly Option<string?> _externalId = new("--external-id") { Description = "ExternalId to pass when assuming the audit role (env EXTERNAL_ID)." };
    private readonly Option<string?> _policy;
    private readonly Option<string[]> _account = new("--account") { Description = "Scan only this account id (repeatable). Default: every ACTIVE account.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "Accounts scanned at once. Default: 16.", DefaultValueFactory = _ => 16 };

    /// <param name="policyDescription">What the verb takes from the policy document, for `--help`.</param>
    public OrganizationOptions(string policyDescription) => _policy = new("--policy") { Description = policyDescription };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _endpoint, _region, _profile, _auditRole, _externalId, _policy, _account, _concurrency })
        {
            command.Add(option);
        }
    }

    /// <summary>The request these options describe; the verb adds its own.</summary>
    public ScanRequest Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ScanRequest
        {
            EndpointUrl = parse.GetValue(_endpoint),
            Region = parse.GetValue(_region),
            Profile = parse.GetValue(_profile),
            AuditRole = parse.GetValue(_auditRole),
            ExternalId = parse.GetValue(_externalId),
            PolicyFile = parse.GetValue(_policy),
            Accounts = parse.GetValue(_account) ?? [],
            Concurrency = parse.GetValue(_concurrency),
        };
    }
}
