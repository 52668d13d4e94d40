using Scanner.Aws.Policy;
using Scanner.Aws.Sessions;
using Scanner.Core.Policy;

namespace Scanner.Commands;

/// <summary>
/// The policy a scan runs with: the document (a file, or an s3:// object read as the functions read it), then
/// environment variables, then flags, each replacing the one before. Any error stops the scan before it starts:
/// nothing is scanned with a half-read policy.
/// </summary>
public static class PolicyInput
{
    public static async Task<ScanPolicy> LoadAsync(ScanRequest request, IReadOnlyDictionary<string, string?> environment, Func<AwsEnvironment> aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(environment);
        var policy = request.PolicyFile is { } source ? await ReadAsync(source, "--policy", aws, ct) : ScanPolicy.Default;

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

    /// <summary>
    /// A policy document from a file path or an s3:// URI, parsed and validated by the same loader the functions use.
    /// </summary>
    /// <exception cref="PolicyException">The document is missing, unreadable or invalid; every problem is named.</exception>
    public static async Task<ScanPolicy> ReadAsync(string source, string field, Func<AwsEnvironment> aws, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(aws);
        if (PolicyUri.IsS3(source))
        {
            var uri = PolicyUri.Parse(source, field);
            using var s3 = S3PolicyDocument.Client(aws());
            try
            {
                using var document = new S3PolicyDocument(s3, uri);
                return await document.LoadAsync(ct);
            }
            catch (Aws.Errors.AwsServiceException e)
            {
                throw new PolicyException(null, [new PolicyError(field, $"the policy document {uri} could not be read: {e.ErrorCode}: {e.ErrorMessage}")]);
            }
        }

        if (!File.Exists(source))
        {
            throw new PolicyException(null, [new PolicyError(field, $"the file '{source}' does not exist")]);
        }

        return PolicyLoader.Parse(await File.ReadAllTextAsync(source, ct), source);
    }
}
