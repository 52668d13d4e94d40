namespace Scanner.Core.Policy;

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

/// <summary>
/// Reads a policy written in YAML or JSON (JSON is YAML). It walks YamlDotNet's representation model by hand
/// instead of deserializing into types: no reflection (Native AOT), and every field can be checked and named in
/// its error. The whole policy is read before anything is returned: every problem is collected and reported
/// together in one <see cref="PolicyException"/>, and a policy with any problem is never returned in part.
/// </summary>
/// <example>
/// <code>
/// approvedRegions: [eu-west-1, eu-central-1]
/// requiredTags: [owner, cost-center]
/// maxAccessKeyAgeDays: 90
/// overrides:
///   - ou: Sandbox                # an OU name, or an OU id like ou-ab12-cdef3456
///     removeRequiredTags: [cost-center]
///   - account: "111122223333"
///     additionalApprovedRegions: [us-east-1]
/// exemptions:
///   - check: iam.local-user
///     account: "111122223333"
///     resource: breakglass
///     reason: Break-glass user, approved by the CISO (SEC-123)
///     until: 2027-01-31
/// tagExemptions:                 # what a resource's or user's own compliance:exempt tag may do
///   allowedChecks: [iam.local-user]
///   requireExpiry: true
///   maxDays: 90
/// exemptionWarningDays: 14
/// </code>
/// </example>
public static class PolicyLoader
{
    /// <summary>Deeper nesting than any valid policy needs is refused before the document is built.</summary>
    private const int MaxDepth = 16;

    private static readonly string[] TopLevelKeys =
    [
        "approvedRegions", "requiredTags", "auditRoleName", "externalId", "maxAccessKeyAgeDays",
        "maxAccessKeyUnusedDays", "scannerStackName", "checks", "exemptions", "overrides",
        "tagExemptions", "exemptionWarningDays", "managementAccount", "findingRefreshDays", "configResourceTypes",
    ];

    private static readonly string[] OverrideKeys =
    [
        "ou", "account", "approvedRegions", "additionalApprovedRegions", "requiredTags", "removeRequiredTags",
        "maxAccessKeyAgeDays", "maxAccessKeyUnusedDays",
    ];

    private static readonly string[] ManagementAccountKeys = ["baselineNamePatterns", "workloadTypes"];

    private static readonly string[] ExemptionKeys = ["check", "account", "resource", "reason", "until"];

    private static readonly string[] TagExemptionKeys = ["allowedChecks", "requireExpiry", "maxDays", "allowWildcard"];

    /// <summary>Parses a policy document.</summary>
    /// <param name="text">The policy, YAML or JSON. Empty text (or only comments) is the default policy.</param>
    /// <param name="sourceName">Where it came from (a file name), for messages and exemption reasons.</param>
    /// <exception cref="PolicyException">The text is not a valid policy; the exception lists every problem.</exception>
    public static ScanPolicy Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);

        if (Prescan(text) is { } structural)
        {
            throw new PolicyException(sourceName, [structural]);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new PolicyException(sourceName, [SyntaxError(e)]);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet's representation model throws this for some malformed event streams instead of a YamlException.
            throw new PolicyException(sourceName, [ReaderFailure(e)]);
        }
        catch (InvalidOperationException e)
        {
            throw new PolicyException(sourceName, [ReaderFailure(e)]);
        }

        if (stream.Documents.Count == 0)
        {
            return ScanPolicy.Default;
        }

        var reader = new Reader(sourceName);
        var policy = reader.ReadPolicy(stream.Documents[0].RootNode);
        // Errors in file order (OrderBy is stable, so problems on one line keep the order they were found in).
        return reader.Errors.Count > 0
            ? throw new PolicyException(sourceName, [.. reader.Errors.OrderBy(e => e.Line ?? int.MaxValue)])
            : policy;
    }

    /// <summary>
    /// Walks the parser's events once, before building nodes: refuses what a policy never needs and what would
    /// make building or walking the document dangerous (aliases can make it cyclic or exponentially large,
    /// deep nesting exhausts the stack), and reports syntax errors.
    /// </summary>
    private static PolicyError? Prescan(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        return new PolicyError(
                            "(document)", $"aliases (*{alias.Value}) are not supported in a policy; write the values out", Line(alias.Start));
                    case DocumentStart start when ++documents > 1:
                        return new PolicyError(
                            "(document)", "a policy is a single YAML document; remove the '---' separator", Line(start.Start));
                    case SequenceStart or MappingStart when ++depth > MaxDepth:
                        return new PolicyError(
                            "(document)", $"nesting deeper than {MaxDepth} levels is not a policy", Line(parser.Current!.Start));
                    case SequenceEnd or MappingEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            return SyntaxError(e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some malformed input, such as a flow list
            // continued on a less indented line. Found by the parser's property tests.
            return ReaderFailure(e);
        }
        catch (ArgumentException e)
        {
            return ReaderFailure(e);
        }

        return null;
    }

    private static PolicyError ReaderFailure(Exception e) =>
        new("(syntax)", $"not valid YAML or JSON: the YAML reader could not make sense of it ({e.Message.TrimEnd('.')}); check indentation and brackets");

    private static PolicyError SyntaxError(YamlException e)
    {
        // YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " before the message; the line is reported separately.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
        {
            message = message[(cut + 3)..];
        }

        return new PolicyError("(syntax)", $"not valid YAML or JSON: {message}", Line(e.Start));
    }

    private static int? Line(Mark mark) => mark.Line > 0 && mark.Line <= int.MaxValue ? (int)mark.Line : null;

    private sealed class Reader(string sourceName)
    {
        public List<PolicyError> Errors { get; } = [];

        public ScanPolicy ReadPolicy(YamlNode root)
        {
            if (root is YamlScalarNode scalar && IsNull(scalar))
            {
                return ScanPolicy.Default;
            }

            if (root is not YamlMappingNode map)
            {
                Error("(root)", $"expected the policy's settings as 'key: value' lines or a JSON object, got {Kind(root)}", root);
                return ScanPolicy.Default;
            }

            var policy = ScanPolicy.Default;
            foreach (var (name, value) in Entries(map, "", TopLevelKeys))
            {
                policy = name switch
                {
                    "approvedRegions" => policy with { ApprovedRegions = List(value, name, PolicyValidation.RegionProblem) ?? [] },
                    "requiredTags" => policy with { RequiredTags = List(value, name, PolicyValidation.TagKeyProblem) ?? [] },
                    "configResourceTypes" => policy with { ConfigResourceTypes = List(value, name, PolicyValidation.ConfigResourceTypeProblem) ?? [] },
                    "auditRoleName" => policy with { AuditRoleName = Text(value, name, PolicyValidation.RoleNameProblem) ?? "" },
                    "externalId" => policy with { ExternalId = Text(value, name, PolicyValidation.ExternalIdProblem) },
                    "maxAccessKeyAgeDays" => policy with { MaxAccessKeyAgeDays = Days(value, name) ?? 0 },
                    "maxAccessKeyUnusedDays" => policy with { MaxAccessKeyUnusedDays = Days(value, name) ?? 0 },
                    "scannerStackName" => policy with { ScannerStackName = Text(value, name, PolicyValidation.StackNameProblem) ?? "" },
                    "findingRefreshDays" => policy with { FindingRefreshDays = RefreshDays(value, name) ?? ScanPolicy.DefaultFindingRefreshDays },
                    "checks" => policy with { EnabledChecks = Checks(value, name) },
                    "exemptions" => policy with { Exemptions = Items(value, name, ReadExemption) },
                    "overrides" => policy with { Overrides = Items(value, name, ReadOverride) },
                    "tagExemptions" => policy with { TagExemptions = ReadTagExemptions(value, name) },
                    "exemptionWarningDays" => policy with { ExemptionWarningDays = Days(value, name) ?? 0 },
                    "managementAccount" => policy with { ManagementAccount = ReadManagementAccount(value, name) },
                    _ => policy,
                };
            }

            return policy;
        }

        private List<string>? Checks(YamlNode node, string path)
        {
            var checks = List(node, path, PolicyValidation.CheckIdProblem);
            if (checks is { Count: 0 })
            {
                Error(path, "lists no checks; leave it out to run every check", node);
            }

            return checks;
        }

        private ManagementAccountPolicy ReadManagementAccount(YamlNode node, string path)
        {
            var result = new ManagementAccountPolicy();
            if (node is not YamlMappingNode map)
            {
                Error(path, $"expected 'key: value' settings (baselineNamePatterns, workloadTypes), got {Kind(node)}", node);
                return result;
            }

            foreach (var (name, value) in Entries(map, path, ManagementAccountKeys))
            {
                var field = $"{path}.{name}";
                result = name switch
                {
                    "baselineNamePatterns" => result with { BaselineNamePatterns = List(value, field, ManagementAccountPolicy.NamePatternProblem) ?? [] },
                    "workloadTypes" => result with { WorkloadTypes = List(value, field, ManagementAccountPolicy.WorkloadTypeProblem) ?? [] },
                    _ => result,
                };
            }

            return result;
        }

        private PolicyOverride? ReadOverride(YamlMappingNode map, string path)
        {
            var result = new PolicyOverride { Source = $"{sourceName} {path}" };
            foreach (var (name, value) in Entries(map, path, OverrideKeys))
            {
                var field = $"{path}.{name}";
                result = name switch
                {
                    "ou" => result with { Ou = Text(value, field, OuProblem) },
                    "account" => result with { Account = Text(value, field, PolicyValidation.AccountIdProblem) },
                    "approvedRegions" => result with { ApprovedRegions = List(value, field, PolicyValidation.RegionProblem) },
                    "additionalApprovedRegions" => result with { AdditionalApprovedRegions = List(value, field, PolicyValidation.RegionProblem) },
                    "requiredTags" => result with { RequiredTags = List(value, field, PolicyValidation.TagKeyProblem) },
                    "removeRequiredTags" => result with { RemoveRequiredTags = List(value, field, PolicyValidation.TagKeyProblem) },
                    "maxAccessKeyAgeDays" => result with { MaxAccessKeyAgeDays = Days(value, field) },
                    "maxAccessKeyUnusedDays" => result with { MaxAccessKeyUnusedDays = Days(value, field) },
                    _ => result,
                };
            }

            var hasOu = Has(map, "ou");
            var hasAccount = Has(map, "account");
            if (hasOu && hasAccount)
            {
                Error(path, "give either ou or account, not both: write two overrides", map);
            }
            else if (!hasOu && !hasAccount)
            {
                Error(path, "name what it applies to: ou (an OU id or name) or account (an account id)", map);
            }

            return result;
        }

        private PolicyExemption? ReadExemption(YamlMappingNode map, string path)
        {
            string check = "", reason = "";
            string? account = null, resource = null;
            DateOnly? until = null;
            foreach (var (name, value) in Entries(map, path, ExemptionKeys))
            {
                var field = $"{path}.{name}";
                switch (name)
                {
                    case "check":
                        check = Text(value, field, v => v == "*" ? null : PolicyValidation.CheckIdProblem(v)) ?? "";
                        break;
                    case "account":
                        account = Text(value, field, PolicyValidation.AccountIdProblem);
                        break;
                    case "resource":
                        resource = Text(value, field, _ => null);
                        break;
                    case "reason":
                        reason = Text(value, field, v => string.IsNullOrWhiteSpace(v) ? "must say why the exemption was granted" : null) ?? "";
                        break;
                    case "until":
                        until = Date(value, field);
                        break;
                }
            }

            if (!Has(map, "check"))
            {
                Error(path, "needs check: a check id, or * for every check", map);
            }

            if (!Has(map, "reason"))
            {
                Error(path, "needs reason: why the exemption was granted (it is shown on every exempted finding)", map);
            }

            if (check == "*" && account is null && (resource is null || resource == "*"))
            {
                Error(path, "exempts every check everywhere; name an account or a resource (to turn checks off, use the checks list)", map);
            }

            return new PolicyExemption
            {
                CheckId = check,
                AccountId = account,
                ResourceId = resource,
                Reason = reason.Trim(),
                Until = until,
                Source = $"{sourceName} {path}",
            };
        }

        private TagExemptionRules ReadTagExemptions(YamlNode node, string path)
        {
            var rules = TagExemptionRules.Default;
            if (node is not YamlMappingNode map)
            {
                Error(path, $"expected 'key: value' settings ({string.Join(", ", TagExemptionKeys)}), got {Kind(node)}", node);
                return rules;
            }

            foreach (var (name, value) in Entries(map, path, TagExemptionKeys))
            {
                var field = $"{path}.{name}";
                rules = name switch
                {
                    // "*" is not a check id here: leaving the key out already allows every check.
                    "allowedChecks" => rules with { AllowedChecks = List(value, field, PolicyValidation.CheckIdProblem) ?? [] },
                    "requireExpiry" => rules with { RequireExpiry = Flag(value, field) ?? true },
                    "maxDays" => rules with { MaxDays = Horizon(value, field) ?? 0 },
                    "allowWildcard" => rules with { AllowWildcard = Flag(value, field) ?? false },
                    _ => rules,
                };
            }

            return rules;
        }

        /// <summary>At least one day: a horizon of 0 would refuse every tag exemption, which allowedChecks: [] says plainly.</summary>
        private int? Horizon(YamlNode node, string path)
        {
            var days = Days(node, path);
            if (days is 0)
            {
                Error(path, "must be at least 1 day; to accept no tag exemptions at all, write allowedChecks: []", node);
                return null;
            }

            return days;
        }

        private bool? Flag(YamlNode node, string path)
        {
            if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar)
            {
                return scalar.Value == "true";
            }

            Error(path, $"expected true or false, got {Kind(node)}", node);
            return null;
        }

        private static string? OuProblem(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return "an OU id or name must not be empty";
            }

            // An OU name could in theory start with "ou-", but a mistyped id that silently matched nothing is far likelier.
            return value.StartsWith("ou-", StringComparison.Ordinal) && !PolicyValidation.IsOuId(value)
                ? $"{PolicyValidation.Quote(value)} is not a valid OU id (expected ou-, 4 to 32 lowercase letters or digits, -, 8 to 32 more)"
                : null;
        }

        /// <summary>The entries of a mapping whose keys are known; unknown or malformed keys are reported.</summary>
        private List<(string Name, YamlNode Value)> Entries(YamlMappingNode map, string path, string[] known)
        {
            var entries = new List<(string, YamlNode)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    Error(path.Length == 0 ? "(root)" : path, $"keys must be plain names, got {Kind(keyNode)}", keyNode);
                    continue;
                }

                var field = path.Length == 0 ? key : $"{path}.{key}";
                if (!known.Contains(key, StringComparer.Ordinal))
                {
                    var near = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                    Error(field, near is not null
                        ? $"unknown key; did you mean '{near}'?"
                        : $"unknown key (expected one of: {string.Join(", ", known)})", keyNode);
                    continue;
                }

                if (!seen.Add(key))
                {
                    Error(field, "appears twice", keyNode);
                    continue;
                }

                entries.Add((key, value));
            }

            return entries;
        }

        private static bool Has(YamlMappingNode map, string key) =>
            map.Children.Keys.Any(k => k is YamlScalarNode { Value: { } v } && string.Equals(v, key, StringComparison.Ordinal));

        private List<T> Items<T>(YamlNode node, string path, Func<YamlMappingNode, string, T?> read)
            where T : class
        {
            var items = new List<T>();
            if (node is not YamlSequenceNode sequence)
            {
                Error(path, $"expected a list of entries ('- ' lines or a JSON array), got {Kind(node)}", node);
                return items;
            }

            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var itemPath = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                if (sequence.Children[i] is not YamlMappingNode map)
                {
                    Error(itemPath, $"expected an entry of 'key: value' settings, got {Kind(sequence.Children[i])}", sequence.Children[i]);
                    continue;
                }

                if (read(map, itemPath) is { } item)
                {
                    items.Add(item);
                }
            }

            return items;
        }

        private List<string>? List(YamlNode node, string path, Func<string, string?> problemOf)
        {
            switch (node)
            {
                case YamlSequenceNode sequence:
                    var values = new List<string>();
                    for (var i = 0; i < sequence.Children.Count; i++)
                    {
                        var itemPath = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                        if (Text(sequence.Children[i], itemPath, problemOf) is { } value && !values.Contains(value, StringComparer.Ordinal))
                        {
                            values.Add(value);
                        }
                    }

                    return values;
                case YamlScalarNode scalar when IsNull(scalar):
                    Error(path, "expected a list, got nothing (write [] for an empty list)", node);
                    return null;
                case YamlScalarNode scalar:
                    Error(path, $"expected a list, got the single value {PolicyValidation.Quote(scalar.Value)} (write [{scalar.Value}] or '- ' lines)", node);
                    return null;
                default:
                    Error(path, $"expected a list, got {Kind(node)}", node);
                    return null;
            }
        }

        private string? Text(YamlNode node, string path, Func<string, string?> problemOf)
        {
            if (node is not YamlScalarNode scalar)
            {
                Error(path, $"expected a single value, got {Kind(node)}", node);
                return null;
            }

            if (IsNull(scalar) || scalar.Value is null)
            {
                Error(path, "must not be empty", node);
                return null;
            }

            if (problemOf(scalar.Value) is { } problem)
            {
                Error(path, problem, node);
                return null;
            }

            return scalar.Value;
        }

        private int? Days(YamlNode node, string path)
        {
            if (node is not YamlScalarNode scalar || IsNull(scalar))
            {
                Error(path, $"expected a whole number of days, got {Kind(node)}", node);
                return null;
            }

            if (scalar.Style is not ScalarStyle.Plain)
            {
                Error(path, $"expected a whole number of days, got the text {PolicyValidation.Quote(scalar.Value)} (remove the quotes)", node);
                return null;
            }

            var (days, problem) = PolicyValidation.ParseDays(scalar.Value);
            if (problem is not null)
            {
                Error(path, problem, node);
                return null;
            }

            return days;
        }

        private int? RefreshDays(YamlNode node, string path)
        {
            if (Days(node, path) is not { } days)
            {
                return null;
            }

            if (PolicyValidation.RefreshDaysProblem(days) is { } problem)
            {
                Error(path, problem, node);
                return null;
            }

            return days;
        }

        private DateOnly? Date(YamlNode node, string path)
        {
            if (Text(node, path, _ => null) is not { } text)
            {
                return null;
            }

            var (date, problem) = PolicyValidation.ParseDate(text);
            if (problem is not null)
            {
                Error(path, problem, node);
                return null;
            }

            return date;
        }

        private static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style is ScalarStyle.Plain or ScalarStyle.Any
            && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

        private static string Kind(YamlNode node) => node switch
        {
            YamlScalarNode scalar when IsNull(scalar) => "nothing",
            YamlScalarNode scalar => $"the value {PolicyValidation.Quote(scalar.Value)}",
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping of 'key: value' settings",
            _ => "something else",
        };

        private void Error(string field, string problem, YamlNode node) => Errors.Add(new PolicyError(field, problem, Line(node.Start)));
    }
}
