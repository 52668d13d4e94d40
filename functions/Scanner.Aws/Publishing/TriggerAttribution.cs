using Scanner.Aws.Services;
using Scanner.Core.Evaluation;

namespace Scanner.Aws.Publishing;

/// <summary>
/// Which findings name the change that caused a rescan. A finding the rescan creates, reopens or resolves was
/// decided by that rescan, so it names the change (event, time, principal) in its product fields. A finding that
/// merely stays failing (or stays exempted) keeps whatever change it named before, so that a scheduled scan, or a
/// rescan caused by an unrelated change, never rewrites who raised it. Nothing else in the finding changes: checks
/// never see the trigger.
/// </summary>
public static class TriggerAttribution
{
    /// <summary>Every product field this attribution writes; no other code writes them.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        ScannerProduct.Fields.Trigger,
        ScannerProduct.Fields.TriggerEventName,
        ScannerProduct.Fields.TriggerEventTime,
        ScannerProduct.Fields.TriggerPrincipal,
        ScannerProduct.Fields.TriggerEventId,
    ];

    /// <summary>The planned import with the trigger fields it should carry.</summary>
    /// <param name="import">What the reconciler plans to import.</param>
    /// <param name="prior">The finding as Security Hub holds it; null for a new one.</param>
    /// <param name="trigger">The change that caused this scan; null for a scheduled or requested scan.</param>
    public static PlannedImport Apply(PlannedImport import, AsffFinding? prior, ScanTrigger? trigger)
    {
        ArgumentNullException.ThrowIfNull(import);
        var fields = (import.Finding.ProductFields ?? [])
            .Where(p => !Keys.Contains(p.Key, StringComparer.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        switch (import.Change)
        {
            case FindingChange.Created or FindingChange.Reactivated or FindingChange.Resolved when trigger is not null:
                fields[ScannerProduct.Fields.Trigger] = Fit(trigger.Describe());
                fields[ScannerProduct.Fields.TriggerEventName] = Fit(trigger.EventName);
                fields[ScannerProduct.Fields.TriggerEventTime] = Fit(trigger.EventTime);
                fields[ScannerProduct.Fields.TriggerPrincipal] = Fit(trigger.Principal);
                fields[ScannerProduct.Fields.TriggerEventId] = Fit(trigger.EventId);
                break;
            case FindingChange.Updated or FindingChange.Exempted when prior?.ProductFields is { } kept:
                foreach (var key in Keys)
                {
                    if (kept.TryGetValue(key, out var value))
                    {
                        fields[key] = value;
                    }
                }

                break;
        }

        return import with { Finding = import.Finding with { ProductFields = fields } };
    }

    private static string Fit(string value) => AsffLimits.Shorten(value, AsffFormat.ProductFieldValueLength);
}
