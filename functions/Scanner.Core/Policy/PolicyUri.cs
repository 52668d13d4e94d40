namespace Scanner.Core.Policy;

/// <summary>
/// Where a policy document is stored in S3 (s3://bucket/key): the functions read it at init and re-check it on each
/// invocation; the CLI's --policy and `policy validate` take it as well as a file path.
/// </summary>
public sealed record PolicyUri(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    /// <summary>True when <paramref name="value"/> names an S3 object rather than a file.</summary>
    public static bool IsS3(string? value) => value is not null && value.StartsWith(Scheme, StringComparison.Ordinal);

    /// <summary>Parses and validates; the problem names <paramref name="field"/> (POLICY_URI, --policy).</summary>
    /// <exception cref="PolicyException">The value is not an S3 object URI.</exception>
    public static PolicyUri Parse(string value, string field)
    {
        if (PolicyValidation.S3UriProblem(value) is { } problem)
        {
            throw new PolicyException(null, [new PolicyError(field, problem)]);
        }

        var path = value[Scheme.Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return new PolicyUri(path[..slash], path[(slash + 1)..]);
    }

    public override string ToString() => $"{Scheme}{Bucket}/{Key}";
}
