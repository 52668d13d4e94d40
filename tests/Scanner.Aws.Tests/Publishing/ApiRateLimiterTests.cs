using Scanner.Aws.Publishing;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>The limits are checked by counting permits on a clock the test moves: nothing sleeps, nothing is timed.</summary>
public sealed class ApiRateLimiterTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Import_limit_grants_a_burst_of_30_then_10_a_second()
    {
        var limiter = SecurityHubRateLimits.Create(_time).Import;

        Drain(limiter).Should().Be(30);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Drain(limiter).Should().Be(0);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Drain(limiter).Should().Be(1);
        _time.Advance(TimeSpan.FromSeconds(1));
        Drain(limiter).Should().Be(10);
    }

    [Fact]
    public void No_one_second_window_ever_holds_more_than_the_burst_plus_one_second_of_rate()
    {
        var limiter = SecurityHubRateLimits.Create(_time).Import;
        var grants = new List<long>();
        const long step = 10; // milliseconds of simulated time between attempts
        for (long ms = 0; ms <= 20_000; ms += step)
        {
            while (limiter.TryAcquire())
            {
                grants.Add(ms);
            }

            _time.Advance(TimeSpan.FromMilliseconds(step));
        }

        grants.Should().HaveCount(30 + 200, "a full bucket, then 10 a second for 20 seconds");
        for (var i = 0; i < grants.Count; i++)
        {
            grants.Count(g => g >= grants[i] && g < grants[i] + 1000).Should().BeLessThanOrEqualTo(40);
        }

        grants.Count(g => g >= 10_000 && g < 20_000).Should().Be(100, "the steady rate is 10 a second");
    }

    [Fact]
    public void GetFindings_limit_grants_a_burst_of_6_then_3_a_second()
    {
        var limiter = SecurityHubRateLimits.Create(_time).GetFindings;

        Drain(limiter).Should().Be(6);
        _time.Advance(TimeSpan.FromSeconds(1));
        Drain(limiter).Should().Be(3);
        _time.Advance(TimeSpan.FromSeconds(10));
        Drain(limiter).Should().Be(6, "an idle bucket refills only up to its burst");
    }

    [Fact]
    public async Task Waiting_callers_go_on_when_the_clock_reaches_the_next_token()
    {
        var limiter = new ApiRateLimiter(10, 2, _time);
        await limiter.AcquireAsync(CancellationToken.None);
        await limiter.AcquireAsync(CancellationToken.None);

        var third = limiter.AcquireAsync(CancellationToken.None).AsTask();
        third.IsCompleted.Should().BeFalse();
        _time.PendingTimers.Should().Be(1);

        _time.Advance(TimeSpan.FromMilliseconds(50));
        third.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        limiter.Granted.Should().Be(3);
    }

    [Fact]
    public async Task A_waiting_caller_can_be_cancelled()
    {
        var limiter = new ApiRateLimiter(1, 1, _time);
        limiter.TryAcquire().Should().BeTrue();
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await waiting.Invoking(w => w.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
    }

    private static int Drain(ApiRateLimiter limiter)
    {
        var granted = 0;
        while (limiter.TryAcquire())
        {
            granted++;
        }

        return granted;
    }
}
