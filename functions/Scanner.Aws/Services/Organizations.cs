using Scanner.Aws.Protocols;

namespace Scanner.Aws.Services;

/// <summary>AWS Organizations (awsJson1_1, global: signs for us-east-1 in the aws partition).</summary>
public static class OrganizationsApi
{
    public static readonly AwsServiceModel Service = new()
    {
        ServiceId = "Organizations",
        Protocol = WireProtocol.Json,
        SigningName = "organizations",
        EndpointPrefix = "organizations",
        TargetPrefix = "AWSOrganizationsV20161128",
        IsGlobal = true,
    };

    private static AwsJsonContext Json => AwsJsonContext.Default;

    public static readonly AwsOperation<EmptyRequest, DescribeOrganizationResponse> DescribeOrganization = new()
    { Service = Service, Name = "DescribeOrganization", RequestType = Json.EmptyRequest, ResponseType = Json.DescribeOrganizationResponse };

    public static readonly AwsPagedOperation<ListRootsRequest, ListRootsResponse, OrgRoot> ListRoots = new(
        new() { Service = Service, Name = "ListRoots", RequestType = Json.ListRootsRequest, ResponseType = Json.ListRootsResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.Roots);

    public static readonly AwsPagedOperation<ListOrganizationalUnitsForParentRequest, ListOrganizationalUnitsForParentResponse, OrgUnit> ListOrganizationalUnitsForParent = new(
        new() { Service = Service, Name = "ListOrganizationalUnitsForParent", RequestType = Json.ListOrganizationalUnitsForParentRequest, ResponseType = Json.ListOrganizationalUnitsForParentResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.OrganizationalUnits);

    /// <summary>One call per OU (not ListAccounts, then ListParents per account): the OU tree is walked once.</summary>
    public static readonly AwsPagedOperation<ListAccountsForParentRequest, ListAccountsResponse, OrgAccount> ListAccountsForParent = new(
        new() { Service = Service, Name = "ListAccountsForParent", RequestType = Json.ListAccountsForParentRequest, ResponseType = Json.ListAccountsResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.Accounts);

    public static readonly AwsPagedOperation<ListTagsForResourceRequest, ListTagsForResourceResponse, AwsTag> ListTagsForResource = new(
        new() { Service = Service, Name = "ListTagsForResource", RequestType = Json.ListTagsForResourceRequest, ResponseType = Json.ListTagsForResourceResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.Tags);

    public static readonly AwsPagedOperation<ListPoliciesForTargetRequest, ListPoliciesForTargetResponse, OrgPolicySummary> ListPoliciesForTarget = new(
        new() { Service = Service, Name = "ListPoliciesForTarget", RequestType = Json.ListPoliciesForTargetRequest, ResponseType = Json.ListPoliciesForTargetResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.Policies);

    public static readonly AwsOperation<DescribePolicyRequest, DescribePolicyResponse> DescribePolicy = new()
    { Service = Service, Name = "DescribePolicy", RequestType = Json.DescribePolicyRequest, ResponseType = Json.DescribePolicyResponse };

    /// <summary>Every delegated administrator of the organization, for every service (no ServicePrincipal filter).</summary>
    public static readonly AwsPagedOperation<ListDelegatedAdministratorsRequest, ListDelegatedAdministratorsResponse, OrgDelegatedAdministrator> ListDelegatedAdministrators = new(
        new() { Service = Service, Name = "ListDelegatedAdministrators", RequestType = Json.ListDelegatedAdministratorsRequest, ResponseType = Json.ListDelegatedAdministratorsResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.DelegatedAdministrators);

    public static readonly AwsPagedOperation<ListDelegatedServicesForAccountRequest, ListDelegatedServicesForAccountResponse, OrgDelegatedService> ListDelegatedServicesForAccount = new(
        new() { Service = Service, Name = "ListDelegatedServicesForAccount", RequestType = Json.ListDelegatedServicesForAccountRequest, ResponseType = Json.ListDelegatedServicesForAccountResponse },
        (r, t) => r with { NextToken = t }, r => r.NextToken, r => r.DelegatedServices);
}

public sealed record EmptyRequest;

public sealed record AwsTag(string Key, string? Value);

public sealed record DescribeOrganizationResponse(OrgOrganization Organization);
public sealed record OrgOrganization(string Id, string Arn, string MasterAccountId, string? FeatureSet);

public sealed record ListAccountsResponse(List<OrgAccount>? Accounts, string? NextToken);
public sealed record OrgAccount(string Id, string Arn, string? Name, string? Email, string? Status, string? State, DateTimeOffset? JoinedTimestamp);

public sealed record ListAccountsForParentRequest(string ParentId, string? NextToken = null, int? MaxResults = null);


public sealed record ListRootsRequest(string? NextToken = null);
public sealed record ListRootsResponse(List<OrgRoot>? Roots, string? NextToken);
public sealed record OrgRoot(string Id, string? Arn, string? Name, List<OrgPolicyTypeSummary>? PolicyTypes = null);

/// <summary>A policy type of a root: Type SERVICE_CONTROL_POLICY, Status ENABLED, PENDING_ENABLE or PENDING_DISABLE.</summary>
public sealed record OrgPolicyTypeSummary(string? Type, string? Status);

public sealed record ListOrganizationalUnitsForParentRequest(string ParentId, string? NextToken = null);
public sealed record ListOrganizationalUnitsForParentResponse(List<OrgUnit>? OrganizationalUnits, string? NextToken);
public sealed record OrgUnit(string Id, string? Arn, string Name);

public sealed record ListTagsForResourceRequest(string ResourceId, string? NextToken = null);
public sealed record ListTagsForResourceResponse(List<AwsTag>? Tags, string? NextToken);

public sealed record ListPoliciesForTargetRequest(string TargetId, string Filter, string? NextToken = null);
public sealed record ListPoliciesForTargetResponse(List<OrgPolicySummary>? Policies, string? NextToken);
public sealed record OrgPolicySummary(string Id, string? Arn, string? Name, string? Type, bool AwsManaged);

public sealed record DescribePolicyRequest(string PolicyId);
public sealed record DescribePolicyResponse(OrgPolicy Policy);
public sealed record OrgPolicy(OrgPolicySummary PolicySummary, string? Content);

public sealed record ListDelegatedAdministratorsRequest(string? ServicePrincipal = null, string? NextToken = null);
public sealed record ListDelegatedAdministratorsResponse(List<OrgDelegatedAdministrator>? DelegatedAdministrators, string? NextToken);
public sealed record OrgDelegatedAdministrator(string Id, string? Arn, string? Name, string? Email, string? Status, string? State);

public sealed record ListDelegatedServicesForAccountRequest(string AccountId, string? NextToken = null);
public sealed record ListDelegatedServicesForAccountResponse(List<OrgDelegatedService>? DelegatedServices, string? NextToken);
public sealed record OrgDelegatedService(string ServicePrincipal);
