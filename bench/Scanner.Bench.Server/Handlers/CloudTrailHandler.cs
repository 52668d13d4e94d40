using Scanner.Bench.Server.Model;
using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>
/// AWS CloudTrail (awsJson1_1): the organization trail, in the management account's home region, visible as a shadow
/// trail from every member account and region when includeShadowTrails is set.
/// </summary>
internal sealed class CloudTrailHandler(SyntheticOrganization organization) : IServiceHandler
{
    private readonly string _arn = $"arn:aws:cloudtrail:{organization.Trail.HomeRegion}:{organization.ManagementAccountId}:trail/{organization.Trail.Name}";

    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "DescribeTrails" => DescribeTrails(call),
        "GetTrailStatus" => GetTrailStatus(call),
        _ => Envelopes.JsonError(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    private WireReply DescribeTrails(AwsCall call)
    {
        var trail = organization.Trail;
        var own = call.Account.Id == organization.ManagementAccountId && call.Region == trail.HomeRegion;
        var visible = own || call.Json.ValueKind != System.Text.Json.JsonValueKind.Object || !call.Json.TryGetProperty("includeShadowTrails", out var shadow)
            || shadow.ValueKind != System.Text.Json.JsonValueKind.False;
        return WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("trailList");
            if (visible)
            {
                w.WriteStartObject();
                w.WriteString("Name", trail.Name);
                w.WriteString("S3BucketName", trail.S3BucketName);
                w.WriteBoolean("IncludeGlobalServiceEvents", true);
                w.WriteBoolean("IsMultiRegionTrail", trail.IsMultiRegionTrail);
                w.WriteString("HomeRegion", trail.HomeRegion);
                w.WriteString("TrailARN", _arn);
                w.WriteBoolean("LogFileValidationEnabled", trail.LogFileValidationEnabled);
                w.WriteBoolean("HasCustomEventSelectors", false);
                w.WriteBoolean("HasInsightSelectors", false);
                w.WriteBoolean("IsOrganizationTrail", trail.IsOrganizationTrail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private WireReply GetTrailStatus(AwsCall call)
    {
        var name = call.JsonString("Name");
        if (name != organization.Trail.Name && name != _arn)
        {
            return Envelopes.JsonError(400, "TrailNotFoundException", $"Unknown trail: {name} for the user: {call.Account.Id}");
        }

        return WireReply.Json(Envelopes.AmzJson11, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("IsLogging", organization.Trail.IsLogging);
            w.WriteNumber("LatestDeliveryTime", WireText.Epoch(OrganizationGenerator.Epoch.AddMinutes(-5)));
            w.WriteNumber("StartLoggingTime", WireText.Epoch(OrganizationGenerator.Epoch.AddDays(-400)));
            w.WriteEndObject();
        });
    }
}
