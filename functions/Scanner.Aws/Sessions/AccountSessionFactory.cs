using System.Collections.Concurrent;
using Amazon.SecurityToken;
using Scanner.Aws.Errors;

namespace Scanner.Aws.Sessions;

/// <summary>
/// Opens a session in a member account by assuming the audit role, once per account per process, and
/// checks at once that the role can be assumed so that a missing or untrusting role is reported as such.
/// </summary>
public sealed class AccountSessionFactory : IDisposable
{
    private readonly AwsEnvironment _environment;
    private readonly string _auditRoleName;
    private readonly string? _externalId;
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly ConcurrentDictionary<string, Lazy<Task<AccountSession>>> _sessions = new(StringComparer.Ordinal);

    public AccountSessionFactory(AwsEnvironment environment, string auditRoleName, string? externalId)
    {
        _environment = environment;
        _auditRoleName = auditRoleName;
        _externalId = externalId;
        _sts = new AmazonSecurityTokenServiceClient(environment.Credentials,
            OfficialClients.Configure(new AmazonSecurityTokenServiceConfig(), environment.Region, environment.EndpointUrl));
    }

    public AwsEnvironment Environment => _environment;

    public string RoleArn(string accountId) => $"arn:{_environment.Partition}:iam::{accountId}:role/{_auditRoleName}";

    /// <summary>The scanner's own identity, for the account that receives findings about unscannable accounts.</summary>
    public AccountSession Own(string accountId) => new(accountId, _environment.Credentials, _environment);

    public Task<AccountSession> ForAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var lazy = _sessions.GetOrAdd(accountId, id => new Lazy<Task<AccountSession>>(() => OpenAsync(id)));
        return lazy.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Forgets an account's session and disposes its clients, once the run has nothing more to ask of the account (its
    /// scan and publish are done). A session holds a client per service and Region (some 50, a quarter of a megabyte);
    /// kept for every account, they grow a scan of thousands of accounts, or a warm function, without bound.
    /// </summary>
    public void Release(string accountId)
    {
        if (_sessions.TryRemove(accountId, out var session) && session.IsValueCreated && session.Value.IsCompletedSuccessfully)
        {
            session.Value.Result.Dispose();
        }
    }

    private async Task<AccountSession> OpenAsync(string accountId)
    {
        var credentials = new AssumedRoleCredentials(_sts, RoleArn(accountId), _externalId);
        try
        {
            await credentials.GetCredentialsAsync();
        }
        catch (AwsServiceException)
        {
            // A failed AssumeRole is not cached: the next scan of this account tries again.
            _sessions.TryRemove(accountId, out _);
            throw;
        }

        return new AccountSession(accountId, credentials, _environment);
    }

    public void Dispose()
    {
        _sts.Dispose();
        foreach (var session in _sessions.Values.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully))
        {
            session.Value.Result.Dispose();
        }
    }
}
