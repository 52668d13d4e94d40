using System.CommandLine;

namespace Scanner.Commands;

/// <summary>The `scan` verb's options, with the help text `--help` shows.</summary>
public static class ScanCommand
{
    public static Command Create(Func<ScanRequest, CancellationToken, Task<int>> run)
    {
        var shared = new OrganizationOptions("Policy document (YAML or JSON), a file or an s3://bucket/key object (the one the deployed functions read): regions, tags, overrides per OU or account, exemptions. Flags win over it.");
        var approved = new Option<string?>("--approved-regions") { Description = "Comma-separated regions where resources may exist and which may be enabled (env APPROVED_REGIONS)." };
        var tags = new Option<string?>("--required-tags") { Description = "Comma-separated tag keys every account and resource must carry (env REQUIRED_TAGS)." };
        var maxAge = new Option<int?>("--max-key-age") { Description = "Days after which an access key is overdue for rotation. Default: 90 (env MAX_KEY_AGE_DAYS)." };
        var format = new Option<OutputFormat>("--format") { Description = "table (default), json, csv, asff (exactly the findings that would be published), or ocsf (OCSF 1.6 Compliance Findings, one per line).", DefaultValueFactory = _ => OutputFormat.Table };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report to this file." };
        var publish = new Option<bool>("--publish") { Description = "Import the results into Security Hub and resolve what is fixed. Without it nothing is written anywhere." };
        var regionConcurrency = new Option<int>("--region-concurrency") { Description = "Regions collected at once within one account. Default: 4.", DefaultValueFactory = _ => 4 };

        var command = new Command("scan", "Scan every account of the organization (or the ones given) against the compliance policy.")
        {
            approved, tags, maxAge, format, html, publish, regionConcurrency,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => run(shared.Read(parse) with
        {
            ApprovedRegions = parse.GetValue(approved),
            RequiredTags = parse.GetValue(tags),
            MaxKeyAge = parse.GetValue(maxAge),
            Format = parse.GetValue(format),
            HtmlFile = parse.GetValue(html),
            Publish = parse.GetValue(publish),
            RegionConcurrency = parse.GetValue(regionConcurrency),
        }, ct));
        return command;
    }
}
