namespace Scanner.Core.Evaluation;

using System.Globalization;
using Scanner.Core.Checks;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// Turns FAILED results into EXEMPTED ones where an exemption covers them. Exemptions come from three places,
/// trusted differently:
/// <list type="bullet">
/// <item>the policy file (central, reviewed): any check, always with a reason, with or without expiry;</item>
/// <item>the account's tags in AWS Organizations, which only the management account can set: any check in the
/// account, with or without expiry;</item>
/// <item>a resource's or IAM user's own tags (an access key's from its user), which the audited account sets
/// itself: only what the policy's tagExemptions rules allow (by default a named check, never <c>*</c>, with an
/// expiry at most 90 days ahead). A resource never exempts anything but its own results.</item>
/// </list>
/// An exempted result stays visible, with the exemption named in its Reason. An exemption that is refused, has
/// expired, or whose expiry cannot be read leaves the result FAILED, and its description says which rule refused it
/// and how to request a real one, so nobody is silently exempted and nobody wonders why an exemption stopped working.
/// Every exemption weighed is recorded on the result (<see cref="CheckResult.Exemptions"/>) for the register.
/// </summary>
public static class Exemptions
{
    /// <summary>Tag whose value lists the check ids (space-separated) a resource, user or account is exempt from; "*" for all.</summary>
    public const string ExemptTag = "compliance:exempt";

    /// <summary>Tag holding the last day (YYYY-MM-DD, UTC, inclusive) the exemption applies.</summary>
    public const string ExemptUntilTag = "compliance:exempt-until";

    /// <summary>Optional tag saying why; shown in the register and the exempted result.</summary>
    public const string ExemptReasonTag = "compliance:exempt-reason";

    /// <summary>What a person whose tag was refused should do instead.</summary>
    public const string HowToRequest =
        $"To request an exemption, ask for an entry with a reason in the scan policy's exemptions, or a {ExemptTag} tag on the account in AWS Organizations";

    /// <summary>Applies every exemption to the results of one account's scan; results other than FAILED pass through.</summary>
    /// <param name="results">The checks' results for the account.</param>
    /// <param name="inventory">The account's inventory: its tags, and the tags of its users and resources.</param>
    /// <param name="policy">The policy: its exemptions, in declaration order, and its rules for tag exemptions.</param>
    public static IReadOnlyList<CheckResult> Apply(IEnumerable<CheckResult> results, AccountInventory inventory, ScanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policy);
        var context = new Context(Subjects(inventory), AccountSubject(inventory), policy, DateOnly.FromDateTime(inventory.CollectedAt.UtcDateTime));
        return [.. results.Select(r => Apply(r, context))];
    }

    private static CheckResult Apply(CheckResult result, Context context)
    {
        if (result.Status != CheckStatus.Failed)
        {
            return result;
        }

        var subject = context.Subjects.GetValueOrDefault(result.ResourceId);
        var decisions = new List<ExemptionDecision>();
        if (subject is { IsAccount: false } && ByTag(subject, result, context) is { } own)
        {
            decisions.Add(own);
        }

        if (ByTag(context.Account, result, context) is { } account)
        {
            decisions.Add(account);
        }

        decisions.AddRange(context.Policy.Exemptions.Where(e => Matches(e, result, subject)).Select(e => ByPolicy(e, result, context)));
        if (decisions.Count == 0)
        {
            return result;
        }

        if (decisions.FirstOrDefault(d => d.State == ExemptionState.InForce) is { } applied)
        {
            var details = new Dictionary<string, string>(result.Details, StringComparer.Ordinal) { ["ExemptedBy"] = applied.Text };
            return result with { Status = CheckStatus.Exempted, Reason = applied.Text, Details = details, Exemptions = decisions };
        }

        var notApplied = string.Join("; ", decisions.Select(d => d.Text));
        var refusedBy = decisions.SelectMany(d => d.RefusedBy).Distinct(StringComparer.Ordinal).ToList();
        var advice = refusedBy.Count > 0 ? $" {HowToRequest}." : "";
        var withNotApplied = new Dictionary<string, string>(result.Details, StringComparer.Ordinal) { ["ExemptionNotApplied"] = notApplied };
        if (refusedBy.Count > 0)
        {
            withNotApplied["ExemptionRefusedBy"] = string.Join(", ", refusedBy);
        }

        return result with
        {
            Description = $"{result.Description} Exemption not applied: {notApplied}.{advice}",
            Details = withNotApplied,
            Exemptions = decisions,
        };
    }

    private static ExemptionDecision? ByTag(Subject subject, CheckResult result, Context context)
    {
        if (!subject.Tags.TryGetValue(ExemptTag, out var value))
        {
            return null;
        }

        var ids = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var named = ids.Contains(result.CheckId, StringComparer.Ordinal);
        if (!named && !ids.Contains("*", StringComparer.Ordinal))
        {
            return null;
        }

        var source = subject.IsAccount ? ExemptionSource.AccountTag : ExemptionSource.ResourceTag;
        var declaredAt = $"tag {ExemptTag} on {subject.Label}";
        var reason = subject.Tags.TryGetValue(ExemptReasonTag, out var why) && !string.IsNullOrWhiteSpace(why) ? why.Trim() : null;
        var decision = Decision(result, source, declaredAt, reason, null, context);
        if (subject.Tags.TryGetValue(ExemptUntilTag, out var untilText))
        {
            var (until, problem) = PolicyValidation.ParseDate(untilText.Trim());
            if (problem is not null)
            {
                return decision with
                {
                    State = ExemptionState.Invalid,
                    Text = $"the tag {ExemptUntilTag} on {subject.Label} has the value '{untilText}', which is not a date (expected YYYY-MM-DD), so its {ExemptTag} tag is ignored",
                };
            }

            decision = Decision(result, source, declaredAt, reason, until, context);
        }

        var refusals = source == ExemptionSource.ResourceTag ? Refusals(named, decision, context) : [];
        if (refusals.Count > 0)
        {
            return decision with
            {
                State = ExemptionState.Refused,
                RefusedBy = [.. refusals.Select(r => r.Rule)],
                Text = $"the exemption by {declaredAt} was refused: {string.Join("; ", refusals.Select(r => $"{r.Why} (rule {r.Rule})"))}",
            };
        }

        return decision.Until is { } last && context.Today > last
            ? decision with { State = ExemptionState.Expired, Text = $"the exemption by {declaredAt} expired on {Format(last)}" }
            : decision with { Text = $"exempted by {declaredAt}{ExpiryText(decision.Until)}" };
    }

    /// <summary>The tagExemptions rules a resource's or user's own tag breaks; every one is named, so one edit fixes them all.</summary>
    private static List<(string Rule, string Why)> Refusals(bool named, ExemptionDecision decision, Context context)
    {
        var rules = context.Policy.TagExemptions;
        var refusals = new List<(string, string)>();
        if (!named && !rules.AllowWildcard)
        {
            refusals.Add(("tagExemptions.allowWildcard", "'*' is not accepted from a resource's own tag; name the checks"));
        }

        if (!rules.AllowsCheck(decision.CheckId))
        {
            var allowed = rules.AllowedChecks is { Count: > 0 } list ? string.Join(", ", list) : "none";
            refusals.Add(("tagExemptions.allowedChecks", $"the policy does not let a resource's own tag exempt {decision.CheckId} (allowed: {allowed})"));
        }

        if (decision.Until is null && rules.RequireExpiry)
        {
            refusals.Add(("tagExemptions.requireExpiry", $"it has no {ExemptUntilTag} date, and the policy requires one"));
        }
        else if (decision.DaysLeft is { } days && days > rules.MaxDays)
        {
            refusals.Add(("tagExemptions.maxDays",
                // No count of days left: it would change the finding's text, and so re-import it, every day.
                $"its expiry {Format(decision.Until!.Value)} is more than the {rules.MaxDays} days ahead the policy allows"));
        }

        return refusals;
    }

    private static ExemptionDecision ByPolicy(PolicyExemption exemption, CheckResult result, Context context)
    {
        var declaredAt = $"policy exemption {exemption.Source}";
        var decision = Decision(result, ExemptionSource.PolicyFile, declaredAt, exemption.Reason, exemption.Until, context);
        var entry = $"{declaredAt} ({exemption.Reason})";
        return exemption.Until is { } until && context.Today > until
            ? decision with { State = ExemptionState.Expired, Text = $"the {entry} expired on {Format(until)}" }
            : decision with { Text = $"exempted by {entry}{ExpiryText(exemption.Until)}" };
    }

    /// <summary>An in-force decision for the result; callers replace its state and text where it does not apply.</summary>
    private static ExemptionDecision Decision(
        CheckResult result, ExemptionSource source, string declaredAt, string? reason, DateOnly? until, Context context)
    {
        int? daysLeft = until is { } last ? last.DayNumber - context.Today.DayNumber : null;
        return new ExemptionDecision
        {
            Source = source,
            DeclaredAt = declaredAt,
            CheckId = result.CheckId,
            AccountId = result.AccountId,
            Region = result.Region,
            ResourceId = result.ResourceId,
            Reason = reason,
            Until = until,
            DaysLeft = daysLeft,
            State = ExemptionState.InForce,
            ExpiresSoon = daysLeft is >= 0 and var d && d <= context.Policy.ExemptionWarningDays,
            Text = "",
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

    private static string ExpiryText(DateOnly? until) => until is { } date ? $" until {Format(date)}" : " (no expiry date)";

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Subject AccountSubject(AccountInventory inventory) =>
        new(CheckText.Account(inventory.Account), inventory.Account.Tags, [inventory.Account.Id], IsAccount: true);

    /// <summary>What a result's ResourceId refers to: whose tags exempt it, how to name it, which names a policy may use.</summary>
    private static Dictionary<string, Subject> Subjects(AccountInventory inventory)
    {
        var subjects = new Dictionary<string, Subject>(StringComparer.Ordinal);
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

        // Last, so that nothing listed inside the account can stand in for the account: account-wide exemptions
        // come only from the policy file and from the account's tags in Organizations.
        subjects[ResourceTypes.AccountResourceId(inventory.Account.Id)] = AccountSubject(inventory);
        return subjects;
    }

    private sealed record Context(Dictionary<string, Subject> Subjects, Subject Account, ScanPolicy Policy, DateOnly Today);

    private sealed record Subject(string Label, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Names, bool IsAccount = false);
}
