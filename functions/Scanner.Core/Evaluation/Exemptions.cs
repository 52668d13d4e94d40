namespace Scanner.Core.Evaluation;

using System.Globalization;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// Turns FAILED results into EXEMPTED ones where an exemption covers them. Exemptions come from tags, on the
/// resource itself (an access key's from its user) or on the account (covering every result in it), and from the
/// policy file. An exempted result stays visible, with the exemption named in its Reason. An exemption that has
/// expired, or whose expiry date cannot be read, does not apply: the result stays FAILED and its description says
/// why, so nobody is silently exempted and nobody wonders why an exemption stopped working.
/// </summary>
public static class Exemptions
{
    /// <summary>Tag whose value lists the check ids (space-separated) a resource, user or account is exempt from; "*" for all.</summary>
    public const string ExemptTag = "compliance:exempt";

    /// <summary>Tag holding the last day (YYYY-MM-DD, UTC, inclusive) the exemption applies.</summary>
    public const string ExemptUntilTag = "compliance:exempt-until";

    /// <summary>Applies every exemption to the results of one account's scan; results other than FAILED pass through.</summary>
    /// <param name="results">The checks' results for the account.</param>
    /// <param name="inventory">The account's inventory: its tags, and the tags of its users and resources.</param>
    /// <param name="policyExemptions">The policy's exemptions, in declaration order.</param>
    public static IReadOnlyList<CheckResult> Apply(
        IEnumerable<CheckResult> results, AccountInventory inventory, IReadOnlyList<PolicyExemption> policyExemptions)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policyExemptions);
        var subjects = Subjects(inventory);
        var today = DateOnly.FromDateTime(inventory.CollectedAt.UtcDateTime);
        return [.. results.Select(r => Apply(r, inventory, subjects, policyExemptions, today))];
    }

    private static CheckResult Apply(
        CheckResult result,
        AccountInventory inventory,
        Dictionary<string, Subject> subjects,
        IReadOnlyList<PolicyExemption> policyExemptions,
        DateOnly today)
    {
        if (result.Status != CheckStatus.Failed)
        {
            return result;
        }

        var account = AccountSubject(inventory);
        var subject = subjects.GetValueOrDefault(result.ResourceId);
        var candidates = new List<Verdict>();
        if (subject is not null)
        {
            candidates.Add(ByTag(subject, result.CheckId, today));
        }

        candidates.Add(ByTag(account, result.CheckId, today));
        foreach (var exemption in policyExemptions)
        {
            if (Matches(exemption, result, subject))
            {
                candidates.Add(ByPolicy(exemption, today));
            }
        }

        if (candidates.FirstOrDefault(v => v.Kind == VerdictKind.Exempt) is { } exempt)
        {
            var details = new Dictionary<string, string>(result.Details, StringComparer.Ordinal)
            {
                ["ExemptedBy"] = exempt.Text,
            };
            return result with { Status = CheckStatus.Exempted, Reason = exempt.Text, Details = details };
        }

        var notApplied = candidates.Where(v => v.Kind == VerdictKind.NotApplied).Select(v => v.Text).ToList();
        if (notApplied.Count == 0)
        {
            return result;
        }

        return result with
        {
            Description = $"{result.Description} Exemption not applied: {string.Join("; ", notApplied)}.",
            Details = new Dictionary<string, string>(result.Details, StringComparer.Ordinal)
            {
                ["ExemptionNotApplied"] = string.Join("; ", notApplied),
            },
        };
    }

    private static Verdict ByTag(Subject subject, string checkId, DateOnly today)
    {
        if (!subject.Tags.TryGetValue(ExemptTag, out var value)
            || !value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Any(id => id == "*" || id == checkId))
        {
            return Verdict.None;
        }

        if (!subject.Tags.TryGetValue(ExemptUntilTag, out var untilText))
        {
            return new Verdict(VerdictKind.Exempt, $"exempted by tag {ExemptTag} on {subject.Label} (no expiry date)");
        }

        var (until, problem) = PolicyValidation.ParseDate(untilText.Trim());
        if (problem is not null)
        {
            return new Verdict(
                VerdictKind.NotApplied,
                $"the tag {ExemptUntilTag} on {subject.Label} has the value '{untilText}', which is not a date (expected YYYY-MM-DD), so its {ExemptTag} tag is ignored");
        }

        return today > until
            ? new Verdict(VerdictKind.NotApplied, $"the exemption by tag {ExemptTag} on {subject.Label} expired on {Format(until)}")
            : new Verdict(VerdictKind.Exempt, $"exempted by tag {ExemptTag} on {subject.Label} until {Format(until)}");
    }

    private static Verdict ByPolicy(PolicyExemption exemption, DateOnly today)
    {
        var entry = $"policy exemption {exemption.Source} ({exemption.Reason})";
        return exemption.Until switch
        {
            null => new Verdict(VerdictKind.Exempt, $"exempted by {entry} (no expiry date)"),
            { } until when today > until => new Verdict(VerdictKind.NotApplied, $"the {entry} expired on {Format(until)}"),
            { } until => new Verdict(VerdictKind.Exempt, $"exempted by {entry} until {Format(until)}"),
        };
    }

    private static bool Matches(PolicyExemption exemption, CheckResult result, Subject? subject)
    {
        if (!exemption.AppliesToCheck(result.CheckId) || !exemption.AppliesToAccount(result.AccountId))
        {
            return false;
        }

        return exemption.IsAnyResource
            || string.Equals(exemption.ResourceId, result.ResourceId, StringComparison.Ordinal)
            || (subject is not null && subject.Names.Contains(exemption.ResourceId!, StringComparer.Ordinal));
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Subject AccountSubject(AccountInventory inventory) =>
        new(CheckText.Account(inventory.Account), inventory.Account.Tags, [inventory.Account.Id]);

    /// <summary>What a result's ResourceId refers to: whose tags exempt it, how to name it, which names a policy may use.</summary>
    private static Dictionary<string, Subject> Subjects(AccountInventory inventory)
    {
        var subjects = new Dictionary<string, Subject>(StringComparer.Ordinal)
        {
            [ResourceTypes.AccountResourceId(inventory.Account.Id)] = AccountSubject(inventory),
        };

        var resources = CheckText.DistinctResources(inventory);
        foreach (var resource in resources)
        {
            subjects[resource.Arn] = new Subject(CheckText.Describe(resource), resource.Tags, [resource.Id]);
        }

        foreach (var trail in inventory.Trails)
        {
            // Trails carry no tags in the inventory; the tagging API's listing of the same ARN does.
            var tags = resources.FirstOrDefault(r => r.Arn == trail.Arn)?.Tags ?? new Dictionary<string, string>();
            subjects[trail.Arn] = new Subject($"CloudTrail trail '{trail.Name}'", tags, [trail.Name]);
        }

        foreach (var user in inventory.IamUsers)
        {
            var label = $"IAM user '{user.UserName}'";
            subjects[user.Arn] = new Subject(label, user.Tags, [user.UserName]);
            foreach (var key in user.AccessKeys)
            {
                // An access key has no tags of its own: its user's tags exempt it.
                subjects[AccessKeyCheck.ResourceId(user, key)] = new Subject(label, user.Tags, [user.UserName, key.AccessKeyId]);
            }
        }

        return subjects;
    }

    private sealed record Subject(string Label, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Names);

    private enum VerdictKind
    {
        None,
        Exempt,
        NotApplied,
    }

    private sealed record Verdict(VerdictKind Kind, string Text)
    {
        public static Verdict None { get; } = new(VerdictKind.None, "");
    }
}
