using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Scanner.Aws.Errors;

namespace Scanner.Aws.Sessions;

/// <summary>
/// Credentials of the audit role in one member account. The SDK's refreshing base class renews them
/// before they expire (PreemptExpiryTime), so a long scan never fails on an expired session.
/// </summary>
public sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    /// <summary>The shortest session STS allows: an account scan takes seconds, and refresh covers the rest.</summary>
    public const int SessionSeconds = 900;

    private readonly IAmazonSecurityTokenService _sts;
    private readonly string _roleArn;
    private readonly string? _externalId;

    public AssumedRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string? externalId)
    {
        _sts = sts;
        _roleArn = roleArn;
        _externalId = externalId;
        PreemptExpiryTime = TimeSpan.FromMinutes(3);
    }

    public string RoleArn => _roleArn;

    /// <summary>Names every session so CloudTrail in the member account shows who looked.</summary>
    public const string SessionName = "org-compliance-scanner";

    protected override CredentialsRefreshState GenerateNewCredentials()
        => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        try
        {
            var response = await _sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = _roleArn,
                RoleSessionName = SessionName,
                DurationSeconds = SessionSeconds,
                ExternalId = string.IsNullOrEmpty(_externalId) ? null : _externalId,
            });
            var c = response.Credentials;
            return new CredentialsRefreshState(
                new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
                c.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.AddSeconds(SessionSeconds));
        }
        catch (Exception e) when (e is not AwsServiceException && AwsServiceException.IsCallFailure(e, CancellationToken.None))
        {
            throw AwsServiceException.From(e, "STS", "AssumeRole");
        }
    }
}
