using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// AWS CloudFormation (awsQuery), only what the demo's management-account baseline creates: CreateStack and
/// CreateStackSet. Templates are not run; a stack is a tagged resource, a stack set (never tagged here) is not kept.
/// </summary>
internal sealed class CloudFormationHandler(OrganizationStore store) : IServiceHandler
{
    private const string Ns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "CreateStack" => CreateStack(call),
        "CreateStackSet" => Envelopes.QueryResult(Ns, "CreateStackSet", x => x.Element("StackSetId", $"{call.Parameter("StackSetName")}:{Guid()}")),
        _ => Envelopes.QueryError(Ns, 400, "InvalidAction", $"Could not find operation {call.Operation} for version 2010-05-15"),
    };

    private string Guid() => $"{store.NewId(OrganizationStore.Hex, 8)}-{store.NewId(OrganizationStore.Hex, 4)}-{store.NewId(OrganizationStore.Hex, 4)}-{store.NewId(OrganizationStore.Hex, 4)}-{store.NewId(OrganizationStore.Hex, 12)}";

    private WireReply CreateStack(AwsCall call)
    {
        var name = call.Parameter("StackName") ?? "";
        if (call.Account.TaggedOnly.Any(r => r.Arn.StartsWith($"arn:aws:cloudformation:{call.Region}:{call.Account.Id}:stack/{name}/", StringComparison.Ordinal)))
        {
            return Envelopes.QueryError(Ns, 400, "AlreadyExistsException", $"Stack [{name}] already exists");
        }

        var arn = $"arn:aws:cloudformation:{call.Region}:{call.Account.Id}:stack/{name}/{Guid()}";
        return TaggedResources.Create(store, call, arn, call.QueryTags(), () => Envelopes.QueryResult(Ns, "CreateStack", x => x.Element("StackId", arn)));
    }
}
