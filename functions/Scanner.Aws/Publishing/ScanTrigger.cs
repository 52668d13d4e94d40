namespace Scanner.Aws.Publishing;

/// <summary>
/// The change that caused a rescan: one CloudTrail API call in the scanned account, as the account forwarded it.
/// A finding the rescan raises or resolves names it, so the reviewer sees who did what, when. Text only, never
/// credentials: the principal is an ARN (or a service name), not the access key it signed with.
/// </summary>
/// <param name="EventName">The API call as CloudTrail names it (CreateAccessKey, RunInstances, CreateFunction20150331).</param>
/// <param name="EventSource">The service endpoint that recorded it (iam.amazonaws.com).</param>
/// <param name="EventTime">When the call was made, as CloudTrail wrote it (ISO 8601, UTC).</param>
/// <param name="Principal">Who made it: the caller's ARN, or the AWS service that acted for it.</param>
/// <param name="Region">Where it was recorded (IAM's are all in us-east-1).</param>
/// <param name="EventId">CloudTrail's eventID, to look the full record up in CloudTrail.</param>
public sealed record ScanTrigger(string EventName, string EventSource, string EventTime, string Principal, string Region, string EventId)
{
    /// <summary>One sentence for a person: "CreateAccessKey (iam.amazonaws.com) by arn:aws:iam::…:user/JaneDoe at 2026-…Z in us-east-1, CloudTrail event …".</summary>
    public string Describe() =>
        $"{EventName} ({EventSource}) by {Principal} at {EventTime} in {Region}, CloudTrail event {EventId}";
}
