using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// Resource Groups Tagging API (awsJson1_1): GetResources lists the region's tagged resources, instances and functions
/// with tags included; untagged ones it does not know. The last page carries an empty PaginationToken, as AWS sends it.
/// </summary>
internal sealed class TaggingHandler : IServiceHandler
{
    public WireReply Handle(AwsCall call)
    {
        if (call.Operation != "GetResources")
        {
            return Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}");
        }

        var account = call.Account;
        var region = call.Region;
        var mappings = account.Instances.Where(i => i.Region == region && i.Tags.Count > 0)
            .Select(i => (Arn: $"arn:aws:ec2:{region}:{account.Id}:instance/{i.Id}", i.Tags))
            .Concat(account.Functions.Where(f => f.Region == region && f.Tags.Count > 0)
                .Select(f => (Arn: $"arn:aws:lambda:{region}:{account.Id}:function:{f.Name}", f.Tags)))
            .Concat(account.TaggedOnly.Where(r => r.Region == region && r.Tags.Count > 0).Select(r => (r.Arn, r.Tags)))
            .ToList();
        var (page, next) = Pages.Slice(mappings, call.JsonString("PaginationToken"), call.JsonInt("ResourcesPerPage"), 50, 100);
        return WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteString("PaginationToken", next ?? "");
            w.WriteStartArray("ResourceTagMappingList");
            foreach (var (arn, tags) in page)
            {
                w.WriteStartObject();
                w.WriteString("ResourceARN", arn);
                w.WriteStartArray("Tags");
                foreach (SyntheticTag tag in tags)
                {
                    w.WriteStartObject();
                    w.WriteString("Key", tag.Key);
                    w.WriteString("Value", tag.Value);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
