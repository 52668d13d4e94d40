using Scanner.Aws.Errors;

namespace Scanner.Aws.Tests.Protocols;

/// <summary>
/// What counts as a failed AWS call (recorded as a gap of one source) and what as the caller stopping: an SDK request
/// that times out throws a cancellation exception with no cancelled token, and must not end the organization's scan.
/// </summary>
public sealed class CallFailureTests
{
    [Fact]
    public void A_request_that_timed_out_is_a_failure_of_the_call_and_maps_to_Timeout()
    {
        var timeout = new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.");

        AwsServiceException.IsCallFailure(timeout, CancellationToken.None).Should().BeTrue();
        AwsServiceException.From(timeout, "EC2", "DescribeRegions").ErrorCode.Should().Be("Timeout");
    }

    [Fact]
    public void The_callers_own_cancellation_is_not_a_failure_of_the_call()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        AwsServiceException.IsCallFailure(new OperationCanceledException(stop.Token), stop.Token).Should().BeFalse();
        AwsServiceException.IsCallFailure(new TaskCanceledException(), stop.Token).Should().BeFalse();
    }

    [Fact]
    public void Errors_and_lost_connections_are_failures_of_the_call_whatever_the_token()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        AwsServiceException.IsCallFailure(new HttpRequestException("Connection refused"), stop.Token).Should().BeTrue();
        AwsServiceException.IsCallFailure(new IOException("Connection reset by peer"), CancellationToken.None).Should().BeTrue();
    }
}
