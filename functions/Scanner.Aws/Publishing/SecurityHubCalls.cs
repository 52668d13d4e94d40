using Scanner.Aws.Errors;
using Scanner.Aws.Retries;
using Scanner.Aws.Services;

namespace Scanner.Aws.Publishing;

/// <summary>
/// The one retry layer for the scanner's Security Hub calls: every attempt takes a permit from the shared rate limits
/// (Security Hub's quotas are per account and Region), and a throttled, unavailable or dropped call waits (exponential,
/// jittered) and goes again. The clients these calls go through make one SDK attempt each (AccountSession.PacedClient).
/// </summary>
internal sealed class SecurityHubCalls(PublisherOptions options)
{
    public Backoff Backoff { get; } = new(options.RetryBaseDelay, options.RetryMaxDelay);

    /// <summary>
    /// Takes a permit, sends, and on throttling or a service or connection failure waits (exponential, jittered) and
    /// tries again. Connection failures come out as <see cref="AwsServiceException"/> like every other AWS failure.
    /// </summary>
    public async Task<T> SendAsync<T>(ApiRateLimiter limiter, string operation, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await limiter.AcquireAsync(cancellationToken);
            try
            {
                try
                {
                    return await send();
                }
                catch (Exception e) when (e is HttpRequestException or IOException or Amazon.Runtime.AmazonClientException
                    || (e is OperationCanceledException && AwsServiceException.IsCallFailure(e, cancellationToken)))
                {
                    throw AwsServiceException.From(e, SecurityHubApi.Service.ServiceId, operation);
                }
            }
            catch (AwsServiceException e) when (e.Kind is AwsErrorKind.Throttling or AwsErrorKind.Unavailable && attempt < options.MaxAttempts)
            {
                await Task.Delay(Backoff.Before(attempt + 1), options.Time, cancellationToken);
            }
        }
    }
}
