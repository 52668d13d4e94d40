using System.CommandLine;

namespace Scanner.Cli.Commands;

/// <summary>The `scan` verb's options, with the help text `--help` shows.</summary>
public static class ScanCommand
{
    public static Command Create(Func<ScanRequest, CancellationToken, Task<int>> run)
    {
        var endpoint = new Option<string?>("--endpoint-url") { Description = "Send every AWS call to this URL (an emulator such as moto). Default: AWS_ENDPOINT_URL, else real AWS." };
        var region = new Option<string?>("--region") { Description = "Home region of the scan: where global services are signed and findings imported. Default: AWS_REGION, else us-east-1." };
        var profile = new Option<string?>("--profile") { Description = "Named AWS profile of the management account (or delegated administrator)." };
        var auditRole = new Option<string?>("--audit-role") { Description = "Name of the read-only role assumed in every account. Default: OrganizationComplianceAudit (env AUDIT_ROLE_NAME)." };
        var externalId = new Option<string?>("--external-id") { Description = "ExternalId to pass when assuming the audit role (env EXTERNAL_ID)." };
        var approved = new Option<string?>("--approved-regions") { Description = "Comma-separated regions where resources may exist and which may be enabled (env APPROVED_REGIONS)." };
        var tags = new Option<string?>("--required-tags") { Description = "Comma-separated tag keys every account and resource must carry (env REQUIRED_TAGS)." };
        var maxAge = new Option<int?>("--max-key-age") { Description = "Days after which an access key is overdue for rotation. Default: 90 (env MAX_KEY_AGE_DAYS)." };
        var policy = new Option<string?>("--policy") { Description = "Policy document (YAML or JSON), a file or an s3://bucket/key object (the one the deployed functions read): regions, tags, overrides per OU or account, exemptions. Flags win over it." };
        var account = new Option<string[]>("--account") { Description = "Scan only this account id (repeatable). Default: every ACTIVE account.", AllowMultipleArgumentsPerToken = false };
        var format = new Option<OutputFormat>("--format") { Description = "table (default), json, csv, asff (exactly the findings that would be published), or ocsf (OCSF 1.6 Compliance Findings, one per line).", DefaultValueFactory = _ => OutputFormat.Table };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report to this file." };
        var publish = new Option<bool>("--publish") { Description = "Import the results into Security Hub and resolve what is fixed. Without it nothing is written anywhere." };
        var concurrency = new Option<int>("--concurrency") { Description = "Accounts scanned at once. Default: 16.", DefaultValueFactory = _ => 16 };
        var regionConcurrency = new Option<int>("--region-concurrency") { Description = "Regions collected at once within one account. Default: 4.", DefaultValueFactory = _ => 4 };

        var command = new Command("scan", "Scan every account of the organization (or the ones given) against the compliance policy.")
        {
            endpoint, region, profile, auditRole, externalId, approved, tags, maxAge, policy, account, format, html, publish, concurrency, regionConcurrency,
        };
        command.SetAction((parse, ct) => run(new ScanRequest
        {
            EndpointUrl = parse.GetValue(endpoint),
            Region = parse.GetValue(region),
            Profile = parse.GetValue(profile),
            AuditRole = parse.GetValue(auditRole),
            ExternalId = parse.GetValue(externalId),
            ApprovedRegions = parse.GetValue(approved),
            RequiredTags = parse.GetValue(tags),
            MaxKeyAge = parse.GetValue(maxAge),
            PolicyFile = parse.GetValue(policy),
            Accounts = parse.GetValue(account) ?? [],
            Format = parse.GetValue(format),
            HtmlFile = parse.GetValue(html),
            Publish = parse.GetValue(publish),
            Concurrency = parse.GetValue(concurrency),
            RegionConcurrency = parse.GetValue(regionConcurrency),
        }, ct));
        return command;
    }
}
