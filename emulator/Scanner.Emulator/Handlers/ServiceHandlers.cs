using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// Every service the emulator speaks, one handler each, over one <see cref="OrganizationStore"/>: a call goes to its
/// service's handler, which answers reads from the call's snapshot and applies writes to the store. Adding an
/// operation is one case in its service's handler.
/// </summary>
public sealed class ServiceHandlers
{
    private readonly Dictionary<string, IServiceHandler> _handlers;
    private readonly SecurityHubHandler _securityHub;

    /// <param name="store">The organization the handlers serve and change.</param>
    /// <param name="imported">Hears the finding ids of every BatchImportFindings request (the bench counts them).</param>
    public ServiceHandlers(OrganizationStore store, Action<IReadOnlyList<string>>? imported = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _securityHub = new SecurityHubHandler(store, imported);
        _handlers = new(StringComparer.Ordinal)
        {
            ["STS"] = new StsHandler(store.Time),
            ["IAM"] = new IamHandler(store),
            ["EC2"] = new Ec2Handler(store),
            ["Organizations"] = new OrganizationsHandler(store),
            ["Lambda"] = new LambdaHandler(store),
            ["Tagging"] = new TaggingHandler(),
            ["CloudTrail"] = new CloudTrailHandler(store),
            ["SecurityHub"] = _securityHub,
            ["Config"] = new ConfigHandler(store),
            ["GuardDuty"] = new GuardDutyHandler(store),
            ["CloudFormation"] = new CloudFormationHandler(store),
            ["SNS"] = new SnsHandler(store),
            ["KMS"] = new KmsHandler(store),
            ["Logs"] = new LogsHandler(store),
            ["S3"] = new S3Handler(store),
        };
    }

    public OrganizationStore Store { get; }

    public bool Serves(string service) => _handlers.ContainsKey(service);

    public WireReply Handle(AwsCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _handlers.TryGetValue(call.Service, out var handler)
            ? handler.Handle(call)
            : Envelopes.RestJsonError(400, "UnknownServiceException", $"The emulator does not serve {call.Service}.");
    }

    /// <summary>The ids of the ACTIVE findings each account's Security Hub holds, in every Region.</summary>
    public SortedDictionary<string, List<string>> ActiveFindingIds() => _securityHub.ActiveFindingIds();

    /// <summary>Forgets every finding.</summary>
    public void ClearFindings() => _securityHub.Clear();
}
