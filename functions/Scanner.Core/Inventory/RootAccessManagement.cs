namespace Scanner.Core.Inventory;

/// <summary>
/// The organization's centralized root access settings (iam:ListOrganizationsFeatures): RootCredentialsManagement lets
/// the management account delete and audit member accounts' root credentials; RootSessions lets it take short,
/// task-scoped root sessions in a member account (sts:AssumeRoot). Only the management account (or IAM's delegated
/// administrator) can read them.
/// </summary>
public sealed record RootAccessManagement(bool RootCredentialsManagement, bool RootSessions)
{
    public bool IsOn => RootCredentialsManagement && RootSessions;
}
