using System.Text.Json;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// AWS Config (awsJson1_1, target StarlingDoveService): one configuration recorder and one delivery channel per account
/// and Region, as AWS allows; recording starts only once a delivery channel exists. The members are the service's own
/// lower-camel names (name, roleARN, recordingGroup, s3BucketName), from botocore's model.
/// </summary>
internal sealed class ConfigHandler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "DescribeConfigurationRecorders" => List(call, "ConfigurationRecorders", a => a.ConfigRecorders, r => r.Region, Recorder),
        "DescribeConfigurationRecorderStatus" => List(call, "ConfigurationRecordersStatus", a => a.ConfigRecorders, r => r.Region, Status),
        "DescribeDeliveryChannels" => List(call, "DeliveryChannels", a => a.DeliveryChannels, c => c.Region, Channel),
        "PutConfigurationRecorder" => PutRecorder(call),
        "PutDeliveryChannel" => PutChannel(call),
        "StartConfigurationRecorder" => Recording(call, true),
        "StopConfigurationRecorder" => Recording(call, false),
        _ => Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    /// <summary>The caller's Region's items, each written as an object of the service's own members.</summary>
    private static WireReply List<T>(AwsCall call, string member, Func<SyntheticAccount, IReadOnlyList<T>> items, Func<T, string> region, Action<Utf8JsonWriter, T> write)
        => WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(member);
            foreach (var item in items(call.Account).Where(i => region(i) == call.Region))
            {
                w.WriteStartObject();
                write(w, item);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void Recorder(Utf8JsonWriter w, SyntheticConfigRecorder recorder)
    {
        w.WriteString("name", recorder.Name);
        w.WriteString("roleARN", recorder.RoleArn);
        w.WriteStartObject("recordingGroup");
        w.WriteBoolean("allSupported", recorder.AllSupported);
        w.WriteBoolean("includeGlobalResourceTypes", recorder.IncludeGlobalResourceTypes);
        w.WriteStartArray("resourceTypes");
        foreach (var type in recorder.ResourceTypes)
        {
            w.WriteStringValue(type);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Status(Utf8JsonWriter w, SyntheticConfigRecorder recorder)
    {
        w.WriteString("name", recorder.Name);
        w.WriteBoolean("recording", recorder.Recording);
        if (recorder.LastStatus is { } lastStatus)
        {
            w.WriteString("lastStatus", lastStatus);
        }
    }

    private static void Channel(Utf8JsonWriter w, SyntheticDeliveryChannel channel)
    {
        w.WriteString("name", channel.Name);
        w.WriteString("s3BucketName", channel.S3BucketName);
    }

    private WireReply PutRecorder(AwsCall call)
    {
        var input = call.JsonMember("ConfigurationRecorder");
        string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Flag(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        var name = Text(input, "name") ?? "default";
        var group = input.ValueKind == JsonValueKind.Object && input.TryGetProperty("recordingGroup", out var g) ? g : default;
        var types = group.ValueKind == JsonValueKind.Object && group.TryGetProperty("resourceTypes", out var t) && t.ValueKind == JsonValueKind.Array
            ? [.. t.EnumerateArray().Select(e => e.GetString() ?? "")]
            : Array.Empty<string>();
        return store.UpdateAccount(call.Account.Id, account =>
        {
            var existing = account.ConfigRecorders.FirstOrDefault(r => r.Region == call.Region);
            if (existing is not null && existing.Name != name)
            {
                return (null, Envelopes.JsonError(400, "MaxNumberOfConfigurationRecordersExceededException",
                    "Failed to put configuration recorder because you have reached the limit for the maximum number of customer managed configuration records: (1)"));
            }

            // Without a recording group AWS records every supported resource type.
            var recorder = new SyntheticConfigRecorder(name, call.Region, Text(input, "roleARN") ?? "", group.ValueKind != JsonValueKind.Object || Flag(group, "allSupported"),
                Flag(group, "includeGlobalResourceTypes"), types, existing?.Recording ?? false);
            return (account with { ConfigRecorders = [.. account.ConfigRecorders.Where(r => r != existing), recorder] }, Envelopes.JsonEmpty());
        });
    }

    private WireReply PutChannel(AwsCall call)
    {
        var input = call.JsonMember("DeliveryChannel");
        var name = input.ValueKind == JsonValueKind.Object && input.TryGetProperty("name", out var n) ? n.GetString() ?? "default" : "default";
        var bucket = input.ValueKind == JsonValueKind.Object && input.TryGetProperty("s3BucketName", out var b) ? b.GetString() ?? "" : "";
        return store.UpdateAccount(call.Account.Id, account =>
            account.ConfigRecorders.All(r => r.Region != call.Region)
                ? (null, Envelopes.JsonError(400, "NoAvailableConfigurationRecorderException", "Configuration recorder is not available to put delivery channel."))
                : (account with { DeliveryChannels = [.. account.DeliveryChannels.Where(c => c.Region != call.Region), new(name, call.Region, bucket)] }, Envelopes.JsonEmpty()));
    }

    private WireReply Recording(AwsCall call, bool on)
    {
        var name = call.JsonString("ConfigurationRecorderName");
        return store.UpdateAccount(call.Account.Id, account =>
        {
            var recorder = account.ConfigRecorders.FirstOrDefault(r => r.Region == call.Region && r.Name == name);
            if (recorder is null)
            {
                return (null, Envelopes.JsonError(400, "NoSuchConfigurationRecorderException", $"Cannot find configuration recorder with the specified name '{name}'."));
            }

            if (on && account.DeliveryChannels.All(c => c.Region != call.Region))
            {
                return (null, Envelopes.JsonError(400, "NoAvailableDeliveryChannelException", "Delivery channel is not available to start configuration recorder."));
            }

            return (account with { ConfigRecorders = [.. account.ConfigRecorders.Select(r => r == recorder ? r with { Recording = on } : r)] }, Envelopes.JsonEmpty());
        });
    }
}
