namespace Scanner.Core.Evaluation;

/// <summary>
/// The lengths Security Hub takes for a finding's text, and the one way the scanner fits text into them (the publisher
/// uses the same). Security Hub rejects a finding whose Title or Description is too long. Results are written for people and
/// are normally far shorter, but names are user-controlled (a 64-character user name, a 128-character key id,
/// a long exemption reason), so the evaluator fits every result to the limits rather than lose the finding.
/// The start of a text says what and where, so the end is what gets cut; facts cut from the description
/// (an exemption that was not applied) are also kept in the result's Details.
/// </summary>
public static class AsffLimits
{
    public const int MaxTitleLength = 256;
    public const int MaxDescriptionLength = 1024;

    /// <summary>
    /// Remediation.Recommendation.Text. A check's remediation is written to fit (the catalog's tests hold every check to
    /// it): cut, the steps a person needs would be lost at the end.
    /// </summary>
    public const int MaxRemediationLength = 512;

    public static CheckResult Fit(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Title.Length <= MaxTitleLength && result.Description.Length <= MaxDescriptionLength && result.Remediation.Length <= MaxRemediationLength
            ? result
            : result with
            {
                Title = Shorten(result.Title, MaxTitleLength),
                Description = Shorten(result.Description, MaxDescriptionLength),
                Remediation = Shorten(result.Remediation, MaxRemediationLength),
            };
    }

    /// <summary>The text, or its first part and an ellipsis, in at most <paramref name="max"/> characters.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep).TrimEnd(), "…");
    }
}
