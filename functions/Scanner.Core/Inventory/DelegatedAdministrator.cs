namespace Scanner.Core.Inventory;

/// <summary>
/// An account the management account has made administrator of an AWS service for the organization
/// (ListDelegatedAdministrators, then ListDelegatedServicesForAccount for the services).
/// </summary>
public sealed record DelegatedAdministrator(string AccountId, string Name, IReadOnlyList<string> ServicePrincipals);
