namespace Scanner.Core.Evaluation;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// The finding id of a result: <c>{checkId}/{accountId}/{region}/{resourceId}</c>. It depends on nothing else,
/// not the policy, not the wording, not the time, so a re-import updates the same finding instead of
/// creating a duplicate, and the reconcile step can tell which findings a scan did not produce again.
/// </summary>
public static class FindingIdentity
{
    /// <summary>ASFF's limit on a finding's Id.</summary>
    public const int MaxLength = 512;

    private const int HashLength = 64;

    /// <param name="checkId">The check's id (iam.local-user).</param>
    /// <param name="accountId">The account the finding is stored in.</param>
    /// <param name="region">The finding's Region.</param>
    /// <param name="resourceId">The subject: an ARN, or a stable id such as AWS::::Account:123456789012.</param>
    public static string For(string checkId, string accountId, string region, string resourceId)
    {
        ArgumentNullException.ThrowIfNull(checkId);
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(resourceId);

        // The first three parts never contain '/' once escaped, so the id splits back into exactly its four parts:
        // distinct inputs give distinct ids. Real check ids, account ids and Regions contain neither '/' nor '%',
        // so real ids read as written. The resource id (an ARN, full of '/') is last and left as it is.
        var id = $"{Escape(checkId)}/{Escape(accountId)}/{Escape(region)}/{resourceId}";
        if (id.Length <= MaxLength)
        {
            return id;
        }

        // Too long for ASFF: keep a readable prefix and make it unique with a hash of the whole id.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        var prefixLength = MaxLength - HashLength - 1;
        if (char.IsHighSurrogate(id[prefixLength - 1]))
        {
            prefixLength--;
        }

        return $"{id[..prefixLength]}#{hash}";
    }

    public static string For(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return For(result.CheckId, result.AccountId, result.Region, result.ResourceId);
    }

    private static string Escape(string part) =>
        part.Contains('%', StringComparison.Ordinal) || part.Contains('/', StringComparison.Ordinal)
            ? part.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)
            : part;
}
