using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// STS (awsQuery). AssumeRole hands out credentials whose access key id encodes the account: ASIA + the 12-digit
/// account id + 4 letters, so every later call says which account it acts as through its SigV4 credential scope.
/// </summary>
internal sealed class StsHandler(TimeProvider time) : IServiceHandler
{
    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "AssumeRole" => AssumeRole(call),
        "GetCallerIdentity" => Envelopes.QueryResult(Envelopes.StsNamespace, "GetCallerIdentity", x => x
            .Element("Arn", call.AccessKeyId.StartsWith("ASIA", StringComparison.Ordinal)
                ? $"arn:aws:sts::{call.Account.Id}:assumed-role/OrganizationComplianceAudit/org-compliance-scanner"
                : $"arn:aws:iam::{call.Account.Id}:user/scanner")
            .Element("UserId", "AIDA" + call.Account.Id + "SCANNER")
            .Element("Account", call.Account.Id)),
        _ => Envelopes.QueryError(Envelopes.StsNamespace, 400, "InvalidAction", $"Could not find operation {call.Operation} for version 2011-06-15"),
    };

    private WireReply AssumeRole(AwsCall call)
    {
        var roleArn = call.Parameter("RoleArn") ?? "";
        var sessionName = call.Parameter("RoleSessionName") ?? "session";
        var parts = roleArn.Split(':', 6);
        var target = parts.Length == 6 && parts[5].StartsWith("role/", StringComparison.Ordinal) ? call.Organization.Find(parts[4]) : null;
        if (target is null)
        {
            return Envelopes.AssumeRoleDenied($"arn:aws:iam::{call.Account.Id}:user/scanner", roleArn);
        }

        var seconds = Pages.Int(call.Parameter("DurationSeconds")) ?? 3600;
        var suffix = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var roleName = parts[5]["role/".Length..];
        return Envelopes.QueryResult(Envelopes.StsNamespace, "AssumeRole", x => x
            .Append("<Credentials>")
            .Element("AccessKeyId", "ASIA" + target.Id + suffix)
            .Element("SecretAccessKey", "bench" + Guid.NewGuid().ToString("N"))
            .Element("SessionToken", "FwoGZXIvYXdzEBench" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))
            .Element("Expiration", WireText.IsoSeconds(time.GetUtcNow().AddSeconds(seconds)))
            .Append("</Credentials><AssumedRoleUser>")
            .Element("AssumedRoleId", "AROA" + target.Id + "BENCH:" + sessionName)
            .Element("Arn", $"arn:aws:sts::{target.Id}:assumed-role/{roleName}/{sessionName}")
            .Append("</AssumedRoleUser>"));
    }
}
