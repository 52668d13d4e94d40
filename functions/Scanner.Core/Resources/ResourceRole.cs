namespace Scanner.Core.Resources;

/// <summary>
/// What a kind of resource is for in an organization. The checks judge a resource by its role, not by a list of
/// type names: whether it is a workload (which must not run in the management account), whether it is expected in
/// every Region, whether it is asked for cost-allocation tags.
/// </summary>
public enum ResourceRole
{
    /// <summary>A type the registry does not know: judged by nobody's guess, reported as what to confirm.</summary>
    Unknown,

    /// <summary>Runs code, serves traffic or holds application data: instances, functions, containers, databases, queues.</summary>
    Workload,

    /// <summary>How the organization is governed: accounts, OUs, policies, IAM, IAM Identity Center, KMS keys, CloudFormation stacks and StackSets.</summary>
    GovernanceBaseline,

    /// <summary>How the organization is billed: budgets, cost reports, anomaly monitors.</summary>
    BillingBaseline,

    /// <summary>What records activity for audit: trails, event data stores, log groups.</summary>
    AuditBaseline,

    /// <summary>Detective and preventive security services (GuardDuty, Config, Security Hub, Access Analyzer): best practice runs them in every Region.</summary>
    SecurityTooling,

    /// <summary>Alerts and event routing (SNS topics, EventBridge rules and buses, alarms): they run no code and hold no application data.</summary>
    Notification,

    /// <summary>What deploys things: artifact repositories, build projects, pipelines, launch templates, parameters.</summary>
    DeploymentPlumbing,

    /// <summary>Where a workload would run (VPCs, subnets, security groups, DNS): not a workload by itself; one inside it is found by its compute.</summary>
    Network,

    /// <summary>
    /// Object storage (S3 buckets): the baseline's logs and artifacts, or a workload's data. Only its name and its
    /// owner tell which, so a bucket nobody recognises is something to confirm, not a workload.
    /// </summary>
    Storage,

    /// <summary>Made by an AWS service for itself (service-linked roles, AWS managed key aliases, the log groups services write to).</summary>
    ServiceManaged,
}

/// <summary>The rules that follow from a role, each stated once.</summary>
public static class ResourceRoles
{
    /// <summary>
    /// Security tooling belongs in every Region, approved or not (an attacker goes where nobody looks, so detection
    /// must be there first): it is never "outside the approved Regions".
    /// </summary>
    public static bool IsExpectedInEveryRegion(this ResourceRole role) => role is ResourceRole.SecurityTooling;

    /// <summary>
    /// Resources a person or a pipeline creates carry the organization's cost-allocation tags. What AWS services create for
    /// themselves (service-managed resources, and security tooling an organization-wide setting enables in each account and
    /// Region) cannot be tagged by the team that pays for it, so asking would only produce findings nobody can fix.
    /// </summary>
    public static bool IsAskedForTags(this ResourceRole role) => role is not (ResourceRole.ServiceManaged or ResourceRole.SecurityTooling);
}
