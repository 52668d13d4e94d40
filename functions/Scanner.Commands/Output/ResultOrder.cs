using Scanner.Core.Evaluation;

namespace Scanner.Commands.Output;

/// <summary>The order every line-per-result output lists results in: by account, most severe first, then check and resource.</summary>
public static class ResultOrder
{
    public static IEnumerable<CheckResult> ForReports(IEnumerable<CheckResult> results) => results
        .OrderBy(r => r.AccountId, StringComparer.Ordinal)
        .ThenByDescending(r => r.Severity)
        .ThenBy(r => r.CheckId, StringComparer.Ordinal)
        .ThenBy(r => r.ResourceId, StringComparer.Ordinal);
}
