namespace Scanner.Lambda.Runtime;

/// <summary>What the Runtime API says about one invocation, read from the headers of <c>invocation/next</c>.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id: the id the response or error is posted under.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms: when Lambda stops the invocation, whatever it is doing.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn (with the alias or version when invoked through one).</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id: the X-Ray header; also exported as <c>_X_AMZN_TRACE_ID</c> for the SDK.</param>
public sealed record InvocationContext(string RequestId, DateTimeOffset Deadline, string InvokedFunctionArn, string? TraceId)
{
    /// <summary>
    /// Cancelled a safety margin before <see cref="Deadline"/> (or when the host stops), so a handler can still
    /// report partial results, e.g. batch item failures for the messages it did not reach.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Time left before Lambda ends the invocation; never negative.</summary>
    public TimeSpan RemainingTime(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var remaining = Deadline - timeProvider.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}
