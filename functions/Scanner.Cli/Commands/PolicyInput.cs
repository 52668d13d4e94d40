using Scanner.Core.Policy;

namespace Scanner.Cli.Commands;

/// <summary>
/// The policy a scan runs with: the file (if any), then environment variables, then flags, each replacing the
/// one before. Any error stops the scan before it starts: nothing is scanned with a half-read policy.
/// </summary>
public static class PolicyInput
{
    public static ScanPolicy Load(ScanRequest request, IReadOnlyDictionary<string, string?> environment)
    {
        var policy = ScanPolicy.Default;
        if (request.PolicyFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new PolicyException($"--policy: the file '{file}' does not exist.");
            }

            policy = PolicyLoader.Parse(File.ReadAllText(file), file);
        }

        string? Env(string name) => environment.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        policy = policy.WithOverrides(new PolicySettings
        {
            ApprovedRegions = PolicySettings.SplitList(Env("APPROVED_REGIONS")),
            RequiredTags = PolicySettings.SplitList(Env("REQUIRED_TAGS")),
            AuditRoleName = Env("AUDIT_ROLE_NAME"),
            ExternalId = Env("EXTERNAL_ID"),
            MaxAccessKeyAgeDays = Env("MAX_KEY_AGE_DAYS") is { } age ? PolicyValidation.Days(age, "MAX_KEY_AGE_DAYS") : null,
        }, "environment");

        return policy.WithOverrides(new PolicySettings
        {
            ApprovedRegions = PolicySettings.SplitList(request.ApprovedRegions),
            RequiredTags = PolicySettings.SplitList(request.RequiredTags),
            AuditRoleName = request.AuditRole,
            ExternalId = request.ExternalId,
            MaxAccessKeyAgeDays = request.MaxKeyAge,
        }, "command line");
    }
}
