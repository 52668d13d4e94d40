namespace Scanner.Core.Inventory;

/// <summary>An account as Organizations describes it, with its place in the OU tree and its tags.</summary>
public sealed record OrganizationAccount
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";

    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE; only ACTIVE accounts are scanned.</summary>
    public string Status { get; init; } = "ACTIVE";

    public bool IsManagementAccount { get; init; }

    /// <summary>OUs from the root down to the account's parent (root excluded).</summary>
    public IReadOnlyList<OrganizationalUnit> OuPath { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The SCPs on the account's path and (management account) the delegated administrators; null when not read.</summary>
    public OrganizationGuardrails? Guardrails { get; init; }
}

public sealed record OrganizationalUnit(string Id, string Name);
