using Amazon.Runtime;
using Scanner.Aws.Publishing;
using Scanner.Core.Evaluation;
using static Scanner.Aws.Tests.Publishing.PublishingSessions;

namespace Scanner.Aws.Tests.Publishing;

/// <summary>Per-finding failures in BatchImportFindings responses, from a fake Security Hub: retried when transient, reported when not, never dropped.</summary>
public sealed class FailedFindingsTests
{
    private const string Account = "333344445555";
    private static readonly AWSCredentials Credentials = new BasicAWSCredentials("testing", "testing");

    /// <summary>Real time: retries wait on the publisher's clock (1 to 5 ms here).</summary>
    private readonly TimeProvider _clock = TimeProvider.System;

    private static string IdOf(string user) => FindingIdentity.For(Results.IamUser(Account, user));

    [Fact]
    public async Task Transient_failures_are_retried_until_they_pass_and_permanent_ones_are_reported_with_their_code()
    {
        using var hub = new FakeSecurityHub((id, attempt) =>
            id == IdOf("throttled") && attempt <= 2 ? ("LimitExceeded", "Rate exceeded")
            : id == IdOf("internal") && attempt == 1 ? ("InternalException", "Internal failure")
            : id == IdOf("invalid") ? ("InvalidInput", "Finding does not adhere to ASFF")
            : null);
        using var session = Session(Account, Credentials, hub.Endpoint);

        var outcome = await Publisher(_clock).PublishAsync(session, Account, Home,
            [Results.IamUser(Account, "fine"), Results.IamUser(Account, "throttled"), Results.IamUser(Account, "internal"), Results.IamUser(Account, "invalid")],
            Results.AllChecks, [], CancellationToken.None);

        outcome.Failed.Should().Equal(new FailedFinding(IdOf("invalid"), "InvalidInput", "Finding does not adhere to ASFF"));
        outcome.Created.Should().Be(3);
        outcome.Succeeded.Should().BeFalse();
        hub.StoredIds.Should().BeEquivalentTo([IdOf("fine"), IdOf("throttled"), IdOf("internal")]);
        hub.ImportSizes.Should().Equal(4, 2, 1);
        hub.Attempts(IdOf("invalid")).Should().Be(1, "a permanent failure is not retried");
    }

    [Fact]
    public async Task Transient_failures_that_never_pass_are_reported_after_the_last_attempt()
    {
        using var hub = new FakeSecurityHub((id, _) => id == IdOf("stuck") ? ("ThrottlingException", "Rate exceeded") : null);
        using var session = Session(Account, Credentials, hub.Endpoint);

        var outcome = await Publisher(_clock).PublishAsync(session, Account, Home,
            [Results.IamUser(Account, "fine"), Results.IamUser(Account, "stuck")], Results.AllChecks, [], CancellationToken.None);

        var failure = outcome.Failed.Should().ContainSingle().Subject;
        failure.Id.Should().Be(IdOf("stuck"));
        failure.ErrorCode.Should().Be("ThrottlingException");
        failure.Message.Should().Contain("5 attempts");
        hub.Attempts(IdOf("stuck")).Should().Be(5);
        outcome.Created.Should().Be(1);
    }

    [Fact]
    public async Task A_throttled_import_is_retried_by_one_layer_only()
    {
        using var hub = new FakeSecurityHub((_, _) => null) { ThrottleImports = true };
        using var session = Session(Account, Credentials, hub.Endpoint);

        var outcome = await Publisher(_clock).PublishAsync(session, Account, Home, [Results.IamUser(Account, "alice")], Results.AllChecks, [], CancellationToken.None);

        outcome.Failed.Should().ContainSingle().Which.ErrorCode.Should().Be("TooManyRequestsException");
        hub.ImportRequests.Should().Be(new PublisherOptions().MaxAttempts, "the publisher's attempts, each one request: the SDK does not retry inside them");
    }

    [Fact]
    public async Task Every_request_goes_through_the_shared_rate_limits()
    {
        using var hub = new FakeSecurityHub((_, _) => null);
        using var session = Session(Account, Credentials, hub.Endpoint);
        var limits = SecurityHubRateLimits.Create(new ManualTimeProvider(DateTimeOffset.UnixEpoch)); // within the bursts: nothing waits
        var results = Enumerable.Range(0, 250).Select(i => Results.IamUser(Account, $"user-{i:D3}")).ToList();

        var outcome = await Publisher(_clock, limits).PublishAsync(session, Account, Home, results, Results.AllChecks, [], CancellationToken.None);

        outcome.Created.Should().Be(250);
        hub.ImportSizes.Should().Equal(100, 100, 50);
        limits.Import.Granted.Should().Be(3);
        limits.GetFindings.Granted.Should().Be(hub.Reads).And.BeGreaterThan(0);
    }

    [Fact]
    public async Task A_refused_read_is_an_error_outcome_not_an_exception()
    {
        using var server = new RecordingServer(new CannedResponse(
            400, """{"Code":"InvalidInputException","Message":"Invalid filter"}""", "application/json"));
        using var session = Session(Account, Credentials, server.Endpoint);

        var outcome = await Publisher(_clock).PublishAsync(session, Account, Home, [Results.IamUser(Account, "alice")], Results.AllChecks, [], CancellationToken.None);

        outcome.Error.Should().Contain(Account).And.Contain("InvalidInputException: Invalid filter");
        outcome.ErrorCode.Should().Be("InvalidInputException");
        server.Requests.Should().ContainSingle().Which.Path.Should().Be("/findings", "nothing is imported when the findings could not be read");
    }
}
