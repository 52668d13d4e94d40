using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>Answers the operations of one service from the synthetic organization.</summary>
internal interface IServiceHandler
{
    WireReply Handle(AwsCall call);
}
