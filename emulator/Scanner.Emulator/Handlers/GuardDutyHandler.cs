using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// Amazon GuardDuty (restJson1): GET /detector lists the Region's detector ids, GET /detector/{id} describes one,
/// POST /detector creates the Region's one detector (enabled unless "enable" is false). Member names are botocore's
/// locationNames (detectorIds, status, createdAt).
/// </summary>
internal sealed class GuardDutyHandler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "ListDetectors" => ListDetectors(call),
        "GetDetector" => GetDetector(call),
        "CreateDetector" => CreateDetector(call),
        _ => Envelopes.RestJsonError(404, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    private static WireReply ListDetectors(AwsCall call)
    {
        var ids = call.Account.Detectors.Where(d => d.Region == call.Region).Select(d => d.Id).ToList();
        var (page, next) = Pages.Slice(ids, call.Parameter("nextToken"), Pages.Int(call.Parameter("maxResults")), 50, 50);
        return WireReply.Json(Envelopes.RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("detectorIds");
            foreach (var id in page)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("nextToken", next);
            }

            w.WriteEndObject();
        });
    }

    private static WireReply GetDetector(AwsCall call)
    {
        var detector = call.Account.Detectors.FirstOrDefault(d => d.Region == call.Region && d.Id == call.Parameter("DetectorId"));
        if (detector is null)
        {
            return Envelopes.RestJsonError(400, "BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.");
        }

        return WireReply.Json(Envelopes.RestJson, w =>
        {
            w.WriteStartObject();
            w.WriteString("createdAt", WireText.IsoMillis(detector.CreatedAt));
            w.WriteString("updatedAt", WireText.IsoMillis(detector.CreatedAt));
            w.WriteString("findingPublishingFrequency", "SIX_HOURS");
            w.WriteString("serviceRole", $"arn:aws:iam::{call.Account.Id}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty");
            w.WriteString("status", detector.Status);
            w.WriteEndObject();
        });
    }

    private WireReply CreateDetector(AwsCall call)
    {
        var enable = call.JsonMember("enable").ValueKind != System.Text.Json.JsonValueKind.False;
        return store.UpdateAccount(call.Account.Id, account =>
        {
            if (account.Detectors.Any(d => d.Region == call.Region))
            {
                return (null, Envelopes.RestJsonError(400, "BadRequestException", "The request is rejected because a detector already exists for the current account."));
            }

            var detector = new SyntheticDetector(store.NewId(OrganizationStore.Hex, 32), call.Region, enable ? "ENABLED" : "DISABLED", store.Time.GetUtcNow());
            return (account with { Detectors = [.. account.Detectors, detector] }, WireReply.Json(Envelopes.RestJson, w =>
            {
                w.WriteStartObject();
                w.WriteString("detectorId", detector.Id);
                w.WriteEndObject();
            }));
        });
    }
}
