namespace Scanner.Lambda.Logging;

/// <summary>
/// The functions' log level from AWS_LAMBDA_LOG_LEVEL, which Lambda sets from the function's ApplicationLogLevel
/// (TRACE, DEBUG, INFO, WARN, ERROR, FATAL). Unset or unknown: INFO.
/// </summary>
public static class LogLevels
{
    public const string Variable = "AWS_LAMBDA_LOG_LEVEL";

    public static LogLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" or "DEBUG" => LogLevel.Debug,
        "WARN" => LogLevel.Warn,
        "ERROR" or "FATAL" => LogLevel.Error,
        _ => LogLevel.Info,
    };

    public static LogLevel FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));
}
