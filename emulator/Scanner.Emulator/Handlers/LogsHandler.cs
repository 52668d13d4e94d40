using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>Amazon CloudWatch Logs (awsJson1_1, target Logs_20140328): CreateLogGroup, with its tags as a map.</summary>
internal sealed class LogsHandler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call)
    {
        if (call.Operation != "CreateLogGroup")
        {
            return Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}");
        }

        var name = call.JsonString("logGroupName") ?? "";
        return TaggedResources.Create(store, call, $"arn:aws:logs:{call.Region}:{call.Account.Id}:log-group:{name}", call.JsonTags("tags"), Envelopes.JsonEmpty,
            () => Envelopes.JsonError(400, "ResourceAlreadyExistsException", "The specified log group already exists"));
    }
}
