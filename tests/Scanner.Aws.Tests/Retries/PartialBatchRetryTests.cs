using Scanner.Aws.Retries;

namespace Scanner.Aws.Tests.Retries;

/// <summary>
/// The one partial-batch rule that SQS sends and Security Hub imports share. Waits are zero here: what is asserted is
/// which entries each attempt carries, never how long anything took.
/// </summary>
public sealed class PartialBatchRetryTests
{
    private static readonly Backoff NoWait = new(TimeSpan.Zero, TimeSpan.Zero);

    private readonly List<string[]> _calls = [];

    [Fact]
    public async Task Only_the_transiently_refused_entries_are_sent_again_until_they_pass()
    {
        var refusals = new Queue<string[]>([["a", "b"], ["b"], []]);

        var given = await Send(4, ["a", "b", "c"], _ => [.. refusals.Dequeue().Select(id => new EntryFailure(id, "ServiceUnavailable", "busy", Transient: true))]);

        given.Should().BeEmpty();
        _calls.Select(c => string.Join(",", c)).Should().Equal("a,b,c", "a,b", "b");
    }

    [Fact]
    public async Task An_entry_refused_for_good_is_given_back_at_once_and_not_sent_again()
    {
        var given = await Send(4, ["a", "b"], pending => pending.Contains("a") ? [new EntryFailure("a", "InvalidInput", "bad finding", Transient: false)] : []);

        given.Should().ContainSingle().Which.Should().Be(new EntryFailure("a", "InvalidInput", "bad finding", false));
        _calls.Should().ContainSingle();
    }

    [Fact]
    public async Task An_entry_still_refused_after_the_last_attempt_says_how_many_were_made()
    {
        var given = await Send(3, ["a", "b"], pending => [.. pending.Where(id => id == "b").Select(id => new EntryFailure(id, "ThrottlingException", "slow down", Transient: true))]);

        given.Should().ContainSingle().Which.Message.Should().Be("slow down (still failing after 3 attempts)");
        _calls.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_failure_naming_no_entry_of_the_attempt_is_given_back_not_retried()
    {
        var given = await Send(4, ["a"], _ => [new EntryFailure("*", "UnlistedFailures", "counted but not listed", Transient: true)]);

        given.Should().ContainSingle().Which.Id.Should().Be("*");
        _calls.Should().ContainSingle();
    }

    [Theory]
    [InlineData(2, 50, 100)]
    [InlineData(3, 100, 200)]
    [InlineData(12, 500, 1_000)]
    public void The_wait_before_an_attempt_doubles_from_the_base_up_to_the_cap_with_half_of_it_jittered(int attempt, int atLeastMs, int atMostMs)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        for (var i = 0; i < 50; i++)
        {
            backoff.Before(attempt).TotalMilliseconds.Should().BeInRange(atLeastMs, atMostMs);
        }
    }

    private Task<IReadOnlyList<EntryFailure>> Send(int maxAttempts, string[] batch, Func<string[], IReadOnlyList<EntryFailure>> answer) =>
        new PartialBatchRetry(maxAttempts, NoWait, TimeProvider.System).SendAsync(batch, id => id, pending =>
        {
            var sent = pending.ToArray();
            _calls.Add(sent);
            return Task.FromResult(answer(sent));
        }, default);
}
