namespace Scanner.Lambda.Events;

/// <summary>
/// The event a function was invoked with is wrong (<see cref="DispatcherEvent.Invalid"/>). Thrown by a handler so
/// that a direct caller gets the message back as the invocation's error.
/// </summary>
public sealed class InvalidEventException : Exception
{
    public InvalidEventException()
    {
    }

    public InvalidEventException(string message)
        : base(message)
    {
    }

    public InvalidEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
