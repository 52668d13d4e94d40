using System.CommandLine;

namespace Scanner.Cli.Commands;

/// <summary>How the exemption register is printed.</summary>
public enum RegisterFormat
{
    Table,
    Json,
    Csv,
}

/// <summary>The `exemptions` verb's options: the scan's own options for reaching the organization, and a format.</summary>
public static class ExemptionsCommand
{
    public static Command Create(Func<ScanRequest, RegisterFormat, CancellationToken, Task<int>> run)
    {
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Send every AWS call to this URL (an emulator such as moto). Default: AWS_ENDPOINT_URL, else real AWS." };
        var region = new Option<string?>("--region") { Description = "Home region of the scan. Default: AWS_REGION, else us-east-1." };
        var profile = new Option<string?>("--profile") { Description = "Named AWS profile of the management account (or delegated administrator)." };
        var auditRole = new Option<string?>("--audit-role") { Description = "Name of the read-only role assumed in every account. Default: OrganizationComplianceAudit (env AUDIT_ROLE_NAME)." };
        var externalId = new Option<string?>("--external-id") { Description = "ExternalId to pass when assuming the audit role (env EXTERNAL_ID)." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (YAML or JSON): its exemptions, and the rules for exemption tags." };
        var account = new Option<string[]>("--account") { Description = "Only this account id (repeatable). Default: every ACTIVE account.", AllowMultipleArgumentsPerToken = false };
        var format = new Option<RegisterFormat>("--format") { Description = "table (default), json or csv.", DefaultValueFactory = _ => RegisterFormat.Table };
        var concurrency = new Option<int>("--concurrency") { Description = "Accounts scanned at once. Default: 16.", DefaultValueFactory = _ => 16 };

        var command = new Command("exemptions",
            "The exemption register: scan the organization and list every exemption in force and every refused or expired one, "
            + "with where it was declared, check, account, resource, reason, expiry and days left. Writes nothing anywhere.")
        {
            endpoint, region, profile, auditRole, externalId, policy, account, format, concurrency,
        };
        command.SetAction((parse, ct) => run(new ScanRequest
        {
            EndpointUrl = parse.GetValue(endpoint),
            Region = parse.GetValue(region),
            Profile = parse.GetValue(profile),
            AuditRole = parse.GetValue(auditRole),
            ExternalId = parse.GetValue(externalId),
            PolicyFile = parse.GetValue(policy),
            Accounts = parse.GetValue(account) ?? [],
            Concurrency = parse.GetValue(concurrency),
        }, parse.GetValue(format), ct));
        return command;
    }
}
