namespace Scanner.Core.Guardrails;

/// <summary>
/// Decides a condition clause for the request a guardrail check asks about: a call of one action in one Region by an
/// ordinary principal of the account, one that no policy names. The evaluator knows two keys, and only these:
/// <list type="bullet">
/// <item><c>aws:RequestedRegion</c>: the Region of the question.</item>
/// <item><c>aws:PrincipalArn</c>: an ordinary principal's ARN, which matches no ARN a policy names. A negated test
/// (StringNotEquals, StringNotLike, ArnNotEquals, ArnNotLike, with IgnoreCase) holds for it, and the ARNs it names are
/// the principals exempted; a positive test holds only with the pattern "*".</item>
/// </list>
/// Both keys are present in every request, so IfExists changes nothing and ForAnyValue/ForAllValues on them behave as
/// the plain operator. Any other key, and any operator outside the String, Arn, Bool and Null families, is Unknown:
/// the evaluator cannot tell, and says so rather than guess.
/// </summary>
public static class ConditionEvaluator
{
    public const string RequestedRegion = "aws:RequestedRegion";
    public const string PrincipalArn = "aws:PrincipalArn";

    /// <summary>The clause's truth for the question, and the principals it exempts (a negated aws:PrincipalArn test).</summary>
    public static (Truth Truth, IReadOnlyList<string> Exempted) Evaluate(ConditionClause clause, string region)
    {
        ArgumentNullException.ThrowIfNull(clause);
        if (!ConditionOperator.TryParse(clause.Operator, out var op))
        {
            return (Truth.Unknown, []);
        }

        if (string.Equals(clause.Key, RequestedRegion, StringComparison.OrdinalIgnoreCase))
        {
            return (OnRegion(op, clause.Values, region), []);
        }

        if (string.Equals(clause.Key, PrincipalArn, StringComparison.OrdinalIgnoreCase))
        {
            return OnOrdinaryPrincipal(op, clause.Values);
        }

        return (Truth.Unknown, []);
    }

    private static Truth OnRegion(ConditionOperator op, IReadOnlyList<string> values, string region)
    {
        switch (op.Family)
        {
            case OperatorFamily.Null:
                return OnPresentKey(values);
            case OperatorFamily.String:
                var matches = values.Any(v => op.IsLike
                    ? WildcardPattern.Matches(v, region, op.IgnoreCase)
                    : string.Equals(v, region, op.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
                return TruthLogic.Of(matches != op.IsNegated);
            default:
                // Arn and Bool operators compare a Region name to something it is not.
                return Truth.Unknown;
        }
    }

    private static (Truth, IReadOnlyList<string>) OnOrdinaryPrincipal(ConditionOperator op, IReadOnlyList<string> values)
    {
        switch (op.Family)
        {
            case OperatorFamily.Null:
                return (OnPresentKey(values), []);
            case OperatorFamily.String or OperatorFamily.Arn when op.IsNegated:
                return (Truth.True, values);
            case OperatorFamily.String or OperatorFamily.Arn:
                // The statement is about named principals; an ordinary one is covered only by a bare wildcard.
                return (TruthLogic.Of((op.IsLike || op.Family == OperatorFamily.Arn) && values.Any(v => v == "*")), []);
            default:
                return (Truth.Unknown, []);
        }
    }

    /// <summary>Null "true" asks for the key to be absent, "false" for it to be present; both known keys always are.</summary>
    private static Truth OnPresentKey(IReadOnlyList<string> values) =>
        values.Count == 0 ? Truth.Unknown : TruthLogic.Any(values.Select(v => NullValue(v) switch
        {
            true => Truth.False,
            false => Truth.True,
            null => Truth.Unknown,
        }));

    private static bool? NullValue(string value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;
}

internal enum OperatorFamily
{
    String,
    Arn,
    Bool,
    Null,
}

/// <summary>A condition operator taken apart: ForAllValues:/ForAnyValue: prefix, family, Not, Like, IgnoreCase, IfExists.</summary>
internal readonly record struct ConditionOperator(OperatorFamily Family, bool IsNegated, bool IsLike, bool IgnoreCase, bool IfExists, string? SetQualifier)
{
    private static readonly Dictionary<string, ConditionOperator> Known = new(StringComparer.Ordinal)
    {
        ["StringEquals"] = new(OperatorFamily.String, false, false, false, false, null),
        ["StringNotEquals"] = new(OperatorFamily.String, true, false, false, false, null),
        ["StringEqualsIgnoreCase"] = new(OperatorFamily.String, false, false, true, false, null),
        ["StringNotEqualsIgnoreCase"] = new(OperatorFamily.String, true, false, true, false, null),
        ["StringLike"] = new(OperatorFamily.String, false, true, false, false, null),
        ["StringNotLike"] = new(OperatorFamily.String, true, true, false, false, null),
        ["ArnEquals"] = new(OperatorFamily.Arn, false, false, false, false, null),
        ["ArnNotEquals"] = new(OperatorFamily.Arn, true, false, false, false, null),
        ["ArnLike"] = new(OperatorFamily.Arn, false, true, false, false, null),
        ["ArnNotLike"] = new(OperatorFamily.Arn, true, true, false, false, null),
        ["Bool"] = new(OperatorFamily.Bool, false, false, false, false, null),
        ["Null"] = new(OperatorFamily.Null, false, false, false, false, null),
    };

    /// <summary>Operator names are case-sensitive in IAM; an unknown spelling is not guessed at.</summary>
    public static bool TryParse(string text, out ConditionOperator op)
    {
        op = default;
        string? qualifier = null;
        var name = text ?? "";
        foreach (var prefix in new[] { "ForAllValues:", "ForAnyValue:" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                qualifier = prefix[..^1];
                name = name[prefix.Length..];
            }
        }

        var ifExists = name.EndsWith("IfExists", StringComparison.Ordinal) && name != "IfExists";
        if (ifExists)
        {
            name = name[..^"IfExists".Length];
        }

        // Null takes no IfExists; ArnEquals and ArnLike compare the same way (wildcards allowed in both).
        if (!Known.TryGetValue(name, out var known) || (ifExists && name == "Null"))
        {
            return false;
        }

        op = known with
        {
            IfExists = ifExists,
            SetQualifier = qualifier,
            IsLike = known.IsLike || known.Family == OperatorFamily.Arn,
        };
        return true;
    }
}
