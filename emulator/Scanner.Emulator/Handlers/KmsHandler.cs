using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>AWS KMS (awsJson1_1, target TrentService): CreateKey, a customer managed symmetric key tagged with TagKey/TagValue pairs.</summary>
internal sealed class KmsHandler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call)
    {
        if (call.Operation != "CreateKey")
        {
            return Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}");
        }

        var id = $"{store.NewId(OrganizationStore.Hex, 8)}-{store.NewId(OrganizationStore.Hex, 4)}-{store.NewId(OrganizationStore.Hex, 4)}-{store.NewId(OrganizationStore.Hex, 4)}-{store.NewId(OrganizationStore.Hex, 12)}";
        var arn = $"arn:aws:kms:{call.Region}:{call.Account.Id}:key/{id}";
        var now = store.Time.GetUtcNow();
        return TaggedResources.Create(store, call, arn, call.JsonTags("Tags", "TagKey", "TagValue"), () => WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("KeyMetadata");
            w.WriteString("AWSAccountId", call.Account.Id);
            w.WriteString("KeyId", id);
            w.WriteString("Arn", arn);
            w.WriteNumber("CreationDate", WireText.Epoch(now));
            w.WriteBoolean("Enabled", true);
            w.WriteString("Description", call.JsonString("Description") ?? "");
            w.WriteString("KeyUsage", "ENCRYPT_DECRYPT");
            w.WriteString("KeyState", "Enabled");
            w.WriteString("Origin", "AWS_KMS");
            w.WriteString("KeyManager", "CUSTOMER");
            w.WriteString("KeySpec", "SYMMETRIC_DEFAULT");
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }
}
