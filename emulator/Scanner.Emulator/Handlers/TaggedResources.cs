using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// Resources the scanner only ever sees through the tagging API (stacks, topics, keys, log groups): creating one
/// records its ARN and tags in the caller's account and Region, where GetResources lists it while it has tags.
/// </summary>
internal static class TaggedResources
{
    public static WireReply Create(OrganizationStore store, AwsCall call, string arn, IReadOnlyList<SyntheticTag> tags, Func<WireReply> answer, Func<WireReply>? exists = null)
        => store.UpdateAccount(call.Account.Id, account => account.TaggedOnly.Any(r => r.Arn == arn)
            ? (null, exists?.Invoke() ?? answer())
            : (account with { TaggedOnly = [.. account.TaggedOnly, new SyntheticTaggedResource(arn, call.Region, tags)] }, answer()));
}
