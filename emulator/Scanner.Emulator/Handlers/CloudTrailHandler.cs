using System.Text.Json;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// AWS CloudTrail (awsJson1_1): the management account's trail, in its home Region; an organization trail is visible
/// as a shadow trail from every member account, a multi-Region trail from every Region, when includeShadowTrails is
/// set (the default). The emulator keeps one trail, created by the management account.
/// </summary>
internal sealed class CloudTrailHandler(OrganizationStore store) : IServiceHandler
{
    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "DescribeTrails" => DescribeTrails(call),
        "GetTrailStatus" => GetTrailStatus(call),
        "CreateTrail" => CreateTrail(call),
        "StartLogging" => Logging(call, true),
        "StopLogging" => Logging(call, false),
        _ => Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    private static string Arn(SyntheticOrganization organization, SyntheticTrail trail)
        => $"arn:aws:cloudtrail:{trail.HomeRegion}:{organization.ManagementAccountId}:trail/{trail.Name}";

    private static WireReply DescribeTrails(AwsCall call)
    {
        var organization = call.Organization;
        var trail = organization.Trail;
        var ownAccount = call.Account.Id == organization.ManagementAccountId;
        var own = ownAccount && trail is not null && call.Region == trail.HomeRegion;
        var shadows = call.Json.ValueKind != JsonValueKind.Object || !call.Json.TryGetProperty("includeShadowTrails", out var shadow) || shadow.ValueKind != JsonValueKind.False;
        var visible = trail is not null && (own || (shadows && (ownAccount || trail.IsOrganizationTrail) && (trail.IsMultiRegionTrail || call.Region == trail.HomeRegion)));
        return WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("trailList");
            if (visible)
            {
                w.WriteStartObject();
                Trail(w, organization, trail!);
                w.WriteBoolean("HasCustomEventSelectors", false);
                w.WriteBoolean("HasInsightSelectors", false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void Trail(Utf8JsonWriter w, SyntheticOrganization organization, SyntheticTrail trail)
    {
        w.WriteString("Name", trail.Name);
        w.WriteString("S3BucketName", trail.S3BucketName);
        w.WriteBoolean("IncludeGlobalServiceEvents", trail.IncludeGlobalServiceEvents);
        w.WriteBoolean("IsMultiRegionTrail", trail.IsMultiRegionTrail);
        w.WriteString("HomeRegion", trail.HomeRegion);
        w.WriteString("TrailARN", Arn(organization, trail));
        w.WriteBoolean("LogFileValidationEnabled", trail.LogFileValidationEnabled);
        w.WriteBoolean("IsOrganizationTrail", trail.IsOrganizationTrail);
    }

    private static SyntheticTrail? Named(AwsCall call)
    {
        var name = call.JsonString("Name");
        var trail = call.Organization.Trail;
        return trail is not null && (name == trail.Name || name == Arn(call.Organization, trail)) ? trail : null;
    }

    private static WireReply NotFound(AwsCall call)
        => Envelopes.JsonError(400, "TrailNotFoundException", $"Unknown trail: {call.JsonString("Name")} for the user: {call.Account.Id}");

    private static WireReply GetTrailStatus(AwsCall call)
    {
        if (Named(call) is not { } trail)
        {
            return NotFound(call);
        }

        return WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("IsLogging", trail.IsLogging);
            if (trail.StartedLoggingAt is { } started)
            {
                w.WriteNumber("StartLoggingTime", WireText.Epoch(started));
            }

            w.WriteEndObject();
        });
    }

    private WireReply CreateTrail(AwsCall call) => store.Update(organization =>
    {
        var bucket = call.JsonString("S3BucketName") ?? "";
        if (call.Account.Id != organization.ManagementAccountId || organization.Trail is not null)
        {
            return (organization, Envelopes.JsonError(400, "MaximumNumberOfTrailsExceededException",
                "The emulator keeps one trail, created by the management account."));
        }

        if (!call.Account.Buckets.Contains(bucket))
        {
            return (organization, Envelopes.JsonError(400, "S3BucketDoesNotExistException", $"S3 bucket {bucket} does not exist."));
        }

        var organizationTrail = call.JsonBool("IsOrganizationTrail");
        if (organizationTrail && !organization.Exists)
        {
            return (organization, Envelopes.JsonError(400, "OrganizationNotInAllFeaturesModeException", "This account is not in an organization with all features enabled."));
        }

        var trail = new SyntheticTrail(call.JsonString("Name") ?? "", call.Region, bucket, IsLogging: false, call.JsonBool("IsMultiRegionTrail"), organizationTrail,
            call.JsonBool("EnableLogFileValidation"), call.JsonMember("IncludeGlobalServiceEvents").ValueKind != JsonValueKind.False);
        var next = organization with { Trail = trail };
        return (next, WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            Trail(w, next, trail);
            w.WriteEndObject();
        }));
    });

    private WireReply Logging(AwsCall call, bool on) => store.Update(organization =>
        Named(call) is not { } trail
            ? (organization, NotFound(call))
            : (organization with { Trail = trail with { IsLogging = on, StartedLoggingAt = on ? store.Time.GetUtcNow() : trail.StartedLoggingAt } }, Envelopes.JsonEmpty()));
}
