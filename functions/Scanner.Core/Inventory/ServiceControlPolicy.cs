namespace Scanner.Core.Inventory;

/// <summary>
/// A service control policy as Organizations stores it: its id, name and the policy document, unparsed. The document
/// is kept as text so that one the scanner cannot read can still be named in an ERROR result.
/// </summary>
public sealed record ServiceControlPolicy(string Id, string Name, string Content, bool AwsManaged = false);

/// <summary>Where an SCP can be attached: the organization's root, an OU, or an account.</summary>
public enum PolicyTargetKind
{
    Root,
    OrganizationalUnit,
    Account,
}

/// <summary>A root, OU or account with the SCPs attached directly to it.</summary>
public sealed record PolicyTarget(string Id, string Name, PolicyTargetKind Kind, IReadOnlyList<ServiceControlPolicy> Policies);
