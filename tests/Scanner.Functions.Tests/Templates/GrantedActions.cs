using Scanner.Aws.Protocols;
using Scanner.Aws.Services;
using Scanner.Lambda.Permissions;

namespace Scanner.Functions.Tests.Templates;

/// <summary>The IAM action that authorizes a call recorded by the proxy, and the calls a set of credentials made.</summary>
internal static class GrantedActions
{
    /// <summary>The service models the scanner speaks through its protocol client, by signing name.</summary>
    private static readonly Dictionary<string, AwsServiceModel> Models = new AwsServiceModel[]
    {
        IamApi.Service, OrganizationsApi.Service, CloudTrailApi.Service, SecurityHubApi.Service, LambdaApi.Service,
        TaggingApi.Service, ConfigServiceApi.Service, GuardDutyApi.Service,
    }.ToDictionary(m => m.SigningName, StringComparer.Ordinal);

    /// <summary>The service's IAM prefix and the operation's name; SendMessageBatch is authorized as sqs:SendMessage.</summary>
    public static string Of(ProxiedCall call) => (call.Service, call.Operation) switch
    {
        ("sqs", "SendMessageBatch") => RolePermissions.Sqs.SendMessage,
        _ => $"{(Models.TryGetValue(call.Service, out var model) ? model.IamPrefix : call.Service)}:{call.Operation}",
    };

    /// <summary>The actions of the calls signed with one of <paramref name="accessKeys"/>; GetCallerIdentity needs no grant.</summary>
    public static IReadOnlySet<string> MadeWith(AwsProxy proxy, IReadOnlySet<string> accessKeys) =>
        proxy.Calls.Where(c => c.AccessKeyId is { } key && accessKeys.Contains(key)).Select(Of)
            .Where(action => action != "sts:GetCallerIdentity").ToHashSet(StringComparer.Ordinal);

    /// <summary>The access keys STS issued, through the proxy, for sessions of the role named <paramref name="roleName"/>.</summary>
    public static IReadOnlySet<string> IssuedFor(AwsProxy proxy, string roleName) =>
        proxy.Issued.Where(i => i.RoleArn.EndsWith($":role/{roleName}", StringComparison.Ordinal)).Select(i => i.AccessKeyId).ToHashSet(StringComparer.Ordinal);
}
