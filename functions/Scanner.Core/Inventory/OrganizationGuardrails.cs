namespace Scanner.Core.Inventory;

/// <summary>
/// What the organization read learned about one account's guardrails: the SCPs attached at the root, at each OU on
/// the account's path and at the account itself, and, for the management account only, the organization's delegated
/// administrators. Read once per scan by whoever reads the organization (the dispatcher, or the CLI) and carried to
/// the account's scan with the account, because the audit role in the account cannot read Organizations.
/// </summary>
public sealed record OrganizationGuardrails
{
    /// <summary>
    /// False when the organization's root reports service control policies disabled and none is attached to it:
    /// then no SCP applies anywhere. (Disabling the policy type detaches every SCP, FullAWSAccess included.)
    /// </summary>
    public bool ServiceControlPoliciesEnabled { get; init; } = true;

    /// <summary>The root first, then each OU from the root down, then the account.</summary>
    public IReadOnlyList<PolicyTarget> PolicyPath { get; init; } = [];

    /// <summary>The organization's delegated administrators: read for the management account's scan only, else null.</summary>
    public IReadOnlyList<DelegatedAdministrator>? DelegatedAdministrators { get; init; }

    /// <summary>
    /// The organization's centralized root access settings (iam:ListOrganizationsFeatures), read once with the
    /// organization and handed to every account: a member's audit role cannot read them. Null when not read.
    /// </summary>
    public RootAccessManagement? RootAccessManagement { get; init; }

    /// <summary>
    /// What the organization read could not get for this account (its SCPs; for the management account, the delegated
    /// administrators and the root access settings).
    /// </summary>
    public IReadOnlyList<CollectionGap> Gaps { get; init; } = [];
}
