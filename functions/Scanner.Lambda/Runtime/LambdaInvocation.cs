namespace Scanner.Lambda.Runtime;

/// <summary>One event handed out by <c>invocation/next</c>: its context and the raw payload bytes.</summary>
public sealed record LambdaInvocation(InvocationContext Context, ReadOnlyMemory<byte> Payload);

/// <summary>The body Lambda expects on <c>invocation/{id}/error</c> and <c>init/error</c>.</summary>
/// <param name="ErrorType">A short category, e.g. the exception type name or <c>Runtime.ConfigurationError</c>.</param>
/// <param name="ErrorMessage">What went wrong, for the caller; never a secret.</param>
public sealed record LambdaError(string ErrorType, string ErrorMessage)
{
    /// <summary>
    /// The error for an exception escaping a handler: its type name and message, never its stack
    /// (which goes to the log instead: the caller of a function has no use for our frames).
    /// </summary>
    public static LambdaError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new LambdaError(exception.GetType().Name, exception.Message);
    }
}

/// <summary>The Runtime API answered something this runtime cannot go on from (a missing request id, an unexpected status).</summary>
public sealed class LambdaRuntimeException : Exception
{
    public LambdaRuntimeException()
    {
    }

    public LambdaRuntimeException(string message)
        : base(message)
    {
    }

    public LambdaRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
