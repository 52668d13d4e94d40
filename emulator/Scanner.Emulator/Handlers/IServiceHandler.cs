using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>Answers the operations of one service from the synthetic organization.</summary>
internal interface IServiceHandler
{
    WireReply Handle(AwsCall call);
}
