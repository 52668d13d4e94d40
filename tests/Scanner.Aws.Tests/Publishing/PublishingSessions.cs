using Amazon.Runtime;
using Scanner.Aws.Protocols;
using Scanner.Aws.Publishing;
using Scanner.Aws.Services;
using Scanner.Aws.Sessions;
using Scanner.Demo;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>Sessions, publishers and read-backs for the publishing tests.</summary>
internal static class PublishingSessions
{
    public const string Home = "us-east-1";
    private static long _nextAccount = 210_000_000_000;

    /// <summary>A fresh account id, so that tests sharing one moto never see each other's findings.</summary>
    public static string NewAccountId() => Interlocked.Increment(ref _nextAccount).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static AccountSession Session(string accountId, AWSCredentials credentials, string endpoint) =>
        new(accountId, credentials, new AwsEnvironment { Region = Home, EndpointUrl = endpoint, Credentials = credentials });

    /// <summary>A session in <paramref name="accountId"/> the way the scanner gets one (AssumeRole), with Security Hub enabled.</summary>
    public static async Task<AccountSession> MemberAsync(MotoFixture moto, string accountId, string? endpoint = null)
    {
        var session = Session(accountId, await moto.AssumeAsync(accountId), endpoint ?? moto.Endpoint);
        await session.Client(SecurityHubApi.Service, Home).SendAsync(SeedOperations.EnableSecurityHub, new EnableSecurityHubRequest(), CancellationToken.None);
        return session;
    }

    /// <summary>Limits that never make a test wait; the limits themselves are tested on their own.</summary>
    public static SecurityHubRateLimits Unthrottled() => new(new ApiRateLimiter(10_000, 10_000), new ApiRateLimiter(10_000, 10_000));

    public static SecurityHubPublisher Publisher(TimeProvider clock, SecurityHubRateLimits? limits = null) => new(new PublisherOptions
    {
        Time = clock,
        RateLimits = limits ?? Unthrottled(),
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
    });

    /// <summary>Every finding in the account's Security Hub, as GetFindings returns them.</summary>
    public static async Task<List<AsffFinding>> AllFindingsAsync(AccountSession session) =>
        await session.Client(SecurityHubApi.Service, Home)
            .PaginateAsync(SecurityHubApi.GetFindings, new GetFindingsRequest(new AsffFilters()), CancellationToken.None)
            .ToListAsync();
}
