using Scanner.Core.Inventory;

namespace Scanner.Core.Guardrails;

/// <summary>
/// Evaluates the SCPs in effect for one account the way AWS Organizations does: the policies attached to the root,
/// to each OU on the account's path and to the account. A Deny that applies at any level denies; an Allow must apply
/// at every level (FullAWSAccess, or an allow list), otherwise the call is implicitly denied at the level that lacks
/// one. Each policy document is parsed once per evaluator.
/// </summary>
public sealed class GuardrailEvaluator
{
    private readonly OrganizationGuardrails _guardrails;
    private readonly List<(PolicyTarget Target, ServiceControlPolicy Policy, PolicyDocument Document)> _parsed = [];
    private readonly List<string> _errors = [];

    public GuardrailEvaluator(OrganizationGuardrails guardrails)
    {
        ArgumentNullException.ThrowIfNull(guardrails);
        _guardrails = guardrails;
        foreach (var target in guardrails.PolicyPath)
        {
            foreach (var policy in target.Policies)
            {
                if (PolicyDocumentParser.TryParse(policy.Content, out var document, out var error))
                {
                    _parsed.Add((target, policy, document));
                }
                else
                {
                    _errors.Add($"{Describe(policy, target)} cannot be read: {error}");
                }
            }
        }
    }

    /// <summary>"policy 'Name' (p-id) attached to OU 'Sandbox'".</summary>
    public static string Describe(ServiceControlPolicy policy, PolicyTarget target)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(target);
        return $"policy '{policy.Name}' ({policy.Id}) attached to {Describe(target)}";
    }

    public static string Describe(PolicyTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind switch
        {
            PolicyTargetKind.Root => $"the root ({target.Id})",
            PolicyTargetKind.OrganizationalUnit => $"OU '{target.Name}' ({target.Id})",
            _ => $"account {target.Id}",
        };
    }

    public GuardrailAnswer Evaluate(GuardrailQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (_errors.Count > 0)
        {
            return new GuardrailAnswer { Question = question, Verdict = GuardrailVerdict.Error, Errors = _errors };
        }

        if (!_guardrails.ServiceControlPoliciesEnabled)
        {
            return new GuardrailAnswer
            {
                Question = question,
                Verdict = GuardrailVerdict.NotDenied,
                Notes = ["service control policies are not enabled in the organization, so none applies"],
            };
        }

        var notes = new List<string>();
        var deny = Truth.False;
        var applying = new List<(string Where, IReadOnlyList<string> Exempted)>();
        var levelsAllow = new Dictionary<PolicyTarget, Truth>();
        foreach (var target in _guardrails.PolicyPath)
        {
            levelsAllow[target] = Truth.False;
        }

        foreach (var (target, policy, document) in _parsed)
        {
            foreach (var statement in document.Statements)
            {
                var where = $"{Describe(policy, target)}: {statement.Label}";
                var (truth, exempted) = Applies(statement, question, where, notes);
                if (statement.IsAllow)
                {
                    levelsAllow[target] = TruthLogic.Or(levelsAllow[target], truth);
                    continue;
                }

                deny = TruthLogic.Or(deny, truth);
                if (truth == Truth.True)
                {
                    applying.Add((where, exempted));
                }
            }
        }

        var allowed = TruthLogic.All(levelsAllow.Values);
        foreach (var (target, truth) in levelsAllow.Where(l => l.Value == Truth.False))
        {
            notes.Add($"nothing attached to {Describe(target)} allows {question.Action}, so it is implicitly denied there");
        }

        var denied = TruthLogic.Or(deny, TruthLogic.Not(allowed));
        return denied switch
        {
            Truth.True => new GuardrailAnswer
            {
                Question = question,
                Verdict = GuardrailVerdict.Denied,
                DeniedBy = [.. applying.Select(a => a.Where)],
                ExemptedPrincipals = allowed == Truth.False ? [] : Exemptions(applying),
                Notes = notes,
            },
            Truth.False => new GuardrailAnswer { Question = question, Verdict = GuardrailVerdict.NotDenied, Notes = notes },
            _ => new GuardrailAnswer { Question = question, Verdict = GuardrailVerdict.CannotTell, Notes = notes },
        };
    }

    /// <summary>A principal escapes only if every applying deny exempts it: the patterns all of them name.</summary>
    private static IReadOnlyList<string> Exemptions(List<(string Where, IReadOnlyList<string> Exempted)> applying)
    {
        if (applying.Count == 0 || applying.Any(a => a.Exempted.Count == 0))
        {
            return [];
        }

        IEnumerable<string> common = applying[0].Exempted;
        foreach (var (_, exempted) in applying.Skip(1))
        {
            common = common.Intersect(exempted, StringComparer.OrdinalIgnoreCase);
        }

        return [.. common.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    private static (Truth Truth, IReadOnlyList<string> Exempted) Applies(PolicyStatement statement, GuardrailQuestion question, string where, List<string> notes)
    {
        var action = statement.Actions is { } actions
            ? actions.Any(a => WildcardPattern.Matches(a, question.Action, ignoreCase: true))
            : !statement.NotActions!.Any(a => WildcardPattern.Matches(a, question.Action, ignoreCase: true));
        if (!action)
        {
            return (Truth.False, []);
        }

        if (!Covers(statement, question))
        {
            if (!statement.IsAllow)
            {
                notes.Add($"{where} denies {question.Action} only for some resources ({Scope(statement)})");
            }

            return (Truth.False, []);
        }

        var truth = Truth.True;
        var exempted = new List<string>();
        foreach (var clause in statement.Conditions)
        {
            var (clauseTruth, clauseExempted) = ConditionEvaluator.Evaluate(clause, question.Region);
            if (clauseTruth == Truth.Unknown)
            {
                notes.Add($"{where} depends on the condition {clause.Operator} {clause.Key}, which the scanner cannot evaluate");
            }

            truth = TruthLogic.And(truth, clauseTruth);
            exempted.AddRange(clauseExempted);
        }

        return (truth, exempted);
    }

    /// <summary>
    /// Whether the statement reaches the question's resource. For "every resource", a Deny must name every resource;
    /// an Allow that reaches some resource opens the call on those, so it counts.
    /// </summary>
    private static bool Covers(PolicyStatement statement, GuardrailQuestion question)
    {
        if (question.Resource is { } resource)
        {
            return statement.Resources is { } resources ? resources.Any(r => WildcardPattern.Matches(r, resource, ignoreCase: true))
                : statement.NotResources is not { } notResources || !notResources.Any(r => WildcardPattern.Matches(r, resource, ignoreCase: true));
        }

        if (statement.IsAllow)
        {
            return statement.NotResources is not { } excluded || !excluded.Any(WildcardPattern.MatchesEverything);
        }

        return statement.Resources is { } named ? named.Any(WildcardPattern.MatchesEverything) : statement.NotResources is not { Count: > 0 };
    }

    private static string Scope(PolicyStatement statement) => statement.Resources is { } resources
        ? "Resource " + string.Join(", ", resources)
        : "NotResource " + string.Join(", ", statement.NotResources ?? []);
}
