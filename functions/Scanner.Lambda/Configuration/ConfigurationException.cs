namespace Scanner.Lambda.Configuration;

/// <summary>
/// The function's environment is wrong. The message lists every problem at once, each naming the variable and
/// (unless it is secret) the value, so one redeploy fixes them all.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : this([message])
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public ConfigurationException(IReadOnlyList<string> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>One entry per problem, e.g. <c>APPROVED_REGIONS: 'us-east-9x' is not a valid region name</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string Describe(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The function's configuration is invalid.",
            1 => $"Invalid configuration: {errors[0]}",
            _ => $"Invalid configuration ({errors.Count} problems): {string.Join("; ", errors)}",
        };
    }
}
