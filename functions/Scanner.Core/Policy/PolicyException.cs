namespace Scanner.Core.Policy;

using System.Text;

/// <summary>
/// One problem in a policy: the field's path ("overrides[1].approvedRegions[0]"), what is wrong with it, and the
/// line in the file where known.
/// </summary>
public sealed record PolicyError(string Field, string Problem, int? Line = null)
{
    public override string ToString() =>
        Line is { } line ? $"{Field}: {Problem} (line {line.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : $"{Field}: {Problem}";
}

/// <summary>
/// A policy (file, command-line flags or environment) that cannot be used. It carries every problem found, not
/// only the first, so that one edit can fix them all; the message lists each with its field path.
/// </summary>
public sealed class PolicyException : Exception
{
    /// <summary>Past this many problems the message stops listing them (Errors still holds all that were collected).</summary>
    public const int MaxListedErrors = 50;

    public PolicyException()
        : this(null, [])
    {
    }

    public PolicyException(string message)
        : base(message)
    {
        Errors = [];
    }

    public PolicyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public PolicyException(string? sourceName, IReadOnlyList<PolicyError> errors)
        : base(Format(sourceName, errors))
    {
        SourceName = sourceName;
        Errors = errors;
    }

    /// <summary>Where the policy came from: a file name, "command line", "environment".</summary>
    public string? SourceName { get; }

    public IReadOnlyList<PolicyError> Errors { get; }

    private static string Format(string? sourceName, IReadOnlyList<PolicyError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var where = string.IsNullOrEmpty(sourceName) ? "The policy" : $"The policy in '{sourceName}'";
        if (errors.Count == 1)
        {
            return $"{where} is invalid: {errors[0]}";
        }

        var message = new StringBuilder($"{where} is invalid ({errors.Count} problems):");
        foreach (var error in errors.Take(MaxListedErrors))
        {
            message.Append("\n  ").Append(error);
        }

        if (errors.Count > MaxListedErrors)
        {
            message.Append("\n  … and ").Append(errors.Count - MaxListedErrors).Append(" more");
        }

        return message.ToString();
    }
}
