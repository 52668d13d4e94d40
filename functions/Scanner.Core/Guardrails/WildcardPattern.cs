namespace Scanner.Core.Guardrails;

/// <summary>
/// The IAM policy language's wildcards: * matches any run of characters (none included), ? exactly one. Used for
/// actions, resources and the *Like condition operators.
/// </summary>
public static class WildcardPattern
{
    public static bool Matches(string pattern, string value, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);

        // Iterative glob match with backtracking to the last star: linear in practice, no regex to build per call.
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>True for a resource pattern that matches every ARN ("*", "arn:*", "arn:*:*:*:*:*").</summary>
    public static bool MatchesEverything(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var rest = pattern.StartsWith("arn:", StringComparison.OrdinalIgnoreCase) ? pattern[4..] : pattern;
        return rest.Length > 0 && rest.All(c => c is '*' or ':') && rest.Contains('*', StringComparison.Ordinal)
            && (rest.EndsWith('*') || pattern == "*");
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
