using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>Amazon SNS (awsQuery): CreateTopic, a tagged resource; creating a topic that exists answers its ARN, as SNS does.</summary>
internal sealed class SnsHandler(OrganizationStore store) : IServiceHandler
{
    private const string Ns = "http://sns.amazonaws.com/doc/2010-03-31/";

    public WireReply Handle(AwsCall call)
    {
        if (call.Operation != "CreateTopic")
        {
            return Envelopes.QueryError(Ns, 400, "InvalidAction", $"Could not find operation {call.Operation} for version 2010-03-31");
        }

        var arn = $"arn:aws:sns:{call.Region}:{call.Account.Id}:{call.Parameter("Name")}";
        return TaggedResources.Create(store, call, arn, call.QueryTags(), () => Envelopes.QueryResult(Ns, "CreateTopic", x => x.Element("TopicArn", arn)));
    }
}
