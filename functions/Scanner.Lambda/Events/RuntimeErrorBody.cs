namespace Scanner.Lambda.Events;

/// <summary>The JSON body of the Runtime API's error endpoints.</summary>
public sealed record RuntimeErrorBody(string ErrorMessage, string ErrorType, IReadOnlyList<string> StackTrace);
