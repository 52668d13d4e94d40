using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scanner.Core.Inventory;

namespace Scanner.Lambda.Events;

/// <summary>
/// An account's guardrails as a scan job carries them from the dispatcher, which reads the organization, to the account
/// scanner, whose audit role cannot. The job carries the documents themselves, not ids to look up: looking them up
/// would need Organizations access in every account scan (which the scanner role deliberately lacks) or a cache shared
/// between invocations. Each distinct policy is carried once (FullAWSAccess is attached at every level) and compacted
/// (whitespace outside strings removed), so that the worst case, 5 policies of 5,120 characters at each of 7 levels
/// (root, 5 OUs, account), stays under SQS's 256 KB message limit.
/// </summary>
public sealed record ScanJobGuardrails
{
    public bool ServiceControlPoliciesEnabled { get; set; } = true;

    /// <summary>Every distinct policy on the path, by id.</summary>
    public Dictionary<string, ScanJobPolicy> Policies { get; set; } = [];

    /// <summary>The root, the OUs from the root down, the account; each with the ids of its policies.</summary>
    public List<ScanJobPolicyTarget> PolicyPath { get; set; } = [];

    /// <summary>The organization's delegated administrators; sent with the management account's job only.</summary>
    public List<ScanJobDelegatedAdministrator>? DelegatedAdministrators { get; set; }

    /// <summary>The organization's centralized root access settings; null when the dispatcher could not read them.</summary>
    public ScanJobRootAccess? RootAccessManagement { get; set; }

    /// <summary>What the organization read could not get for this account.</summary>
    public List<ScanJobGap> Gaps { get; set; } = [];

    public static ScanJobGuardrails From(OrganizationGuardrails guardrails)
    {
        ArgumentNullException.ThrowIfNull(guardrails);
        var policies = new Dictionary<string, ScanJobPolicy>(StringComparer.Ordinal);
        foreach (var policy in guardrails.PolicyPath.SelectMany(t => t.Policies))
        {
            policies.TryAdd(policy.Id, new ScanJobPolicy(policy.Name, Compact(policy.Content), policy.AwsManaged));
        }

        return new ScanJobGuardrails
        {
            ServiceControlPoliciesEnabled = guardrails.ServiceControlPoliciesEnabled,
            Policies = policies,
            PolicyPath = [.. guardrails.PolicyPath.Select(t => new ScanJobPolicyTarget(t.Id, t.Name, t.Kind.ToString(), [.. t.Policies.Select(p => p.Id)]))],
            DelegatedAdministrators = guardrails.DelegatedAdministrators?.Select(a => new ScanJobDelegatedAdministrator(a.AccountId, a.Name, [.. a.ServicePrincipals])).ToList(),
            RootAccessManagement = guardrails.RootAccessManagement is { } rootAccess
                ? new ScanJobRootAccess(rootAccess.RootCredentialsManagement, rootAccess.RootSessions)
                : null,
            Gaps = [.. guardrails.Gaps.Select(g => new ScanJobGap(g.Service, g.Operation, g.ErrorCode, g.Message))],
        };
    }

    public OrganizationGuardrails ToGuardrails() => new()
    {
        ServiceControlPoliciesEnabled = ServiceControlPoliciesEnabled,
        PolicyPath = [.. PolicyPath.Select(t => new PolicyTarget(t.Id, t.Name, Enum.Parse<PolicyTargetKind>(t.Kind),
            [.. t.PolicyIds.Select(id => new ServiceControlPolicy(id, Policies[id].Name, Policies[id].Content, Policies[id].AwsManaged))]))],
        DelegatedAdministrators = DelegatedAdministrators?.Select(a => new DelegatedAdministrator(a.AccountId, a.Name, a.ServicePrincipals)).ToList(),
        RootAccessManagement = RootAccessManagement is { } rootAccess ? new RootAccessManagement(rootAccess.RootCredentialsManagement, rootAccess.RootSessions) : null,
        Gaps = [.. Gaps.Select(g => new CollectionGap(g.Service, null, g.Operation, g.ErrorCode, g.Message))],
    };

    /// <summary>The first problem, naming the field; null when the guardrails are consistent.</summary>
    public string? Validate()
    {
        if (Policies is null || PolicyPath is null || Gaps is null)
        {
            return "guardrails: policies, policyPath and gaps must be present";
        }

        for (var i = 0; i < PolicyPath.Count; i++)
        {
            var target = PolicyPath[i];
            if (target is null || target.Id is null || target.PolicyIds is null || !Enum.TryParse<PolicyTargetKind>(target.Kind, out _))
            {
                return $"guardrails.policyPath[{i}]: must have an id, a kind (Root, OrganizationalUnit, Account) and policyIds";
            }

            if (target.PolicyIds.FirstOrDefault(id => id is null || !Policies.ContainsKey(id)) is { } missing)
            {
                return $"guardrails.policyPath[{i}].policyIds: '{missing}' is not in guardrails.policies";
            }
        }

        return Policies.FirstOrDefault(p => p.Value?.Content is null).Key is { } empty ? $"guardrails.policies['{empty}']: content is required" : null;
    }

    /// <summary>The document without whitespace outside strings; one that is not JSON is kept as it is, to be reported.</summary>
    public static string Compact(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var document = JsonDocument.Parse(content);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                document.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException)
        {
            return content;
        }
    }
}

public sealed record ScanJobPolicy(string Name, string Content, bool AwsManaged);

public sealed record ScanJobPolicyTarget(string Id, string Name, string Kind, List<string> PolicyIds);

public sealed record ScanJobDelegatedAdministrator(string AccountId, string Name, List<string> ServicePrincipals);

public sealed record ScanJobRootAccess(bool RootCredentialsManagement, bool RootSessions);

public sealed record ScanJobGap(string Service, string Operation, string ErrorCode, string Message);
