using Scanner.Emulator.Wire;

namespace Scanner.Testing;

/// <summary>
/// The error answers the real services give, for the proxy to send instead of moto's: taken from the one catalogue of
/// the services' envelopes the emulator and the bench server answer with (<see cref="Envelopes"/>), by the SigV4 signing
/// name of the call, so the client meets exactly what it would in production.
/// </summary>
public static class AwsFaults
{
    /// <summary>The service's own throttling error (see <see cref="Envelopes.Throttling"/>).</summary>
    public static CannedResponse Throttling(ProxiedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CannedResponse.From(Envelopes.Throttling(call.Service));
    }

    /// <summary>A server-side failure: the service's internal error (500) or unavailability (503), by <paramref name="unavailable"/>.</summary>
    public static CannedResponse ServerError(ProxiedCall call, bool unavailable = false)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CannedResponse.From(Envelopes.ServerError(call.Service, unavailable));
    }

    /// <summary>The request id <see cref="AssumeRoleDenied"/> reports, for a test that checks it is carried through.</summary>
    public const string DeniedRequestId = "c6104cbe-af31-11e0-8154-cbc7ccf896c7";

    /// <summary>STS refusing the scanner's AssumeRole, as it does for a role that is missing, does not trust the caller, or sits in a suspended or closed account.</summary>
    public static CannedResponse AssumeRoleDenied(string roleArn) => CannedResponse.From(Envelopes.AssumeRoleDenied(
        $"arn:aws:sts::{MotoFixture.ManagementAccountId}:assumed-role/scanner/org-compliance-scanner", roleArn, DeniedRequestId));

    /// <summary>The scanner's AssumeRole into the audit role of <paramref name="accountId"/>, refused.</summary>
    public static CannedResponse AuditRoleDenied(string accountId) =>
        AssumeRoleDenied($"arn:aws:iam::{accountId}:role/OrganizationComplianceAudit");

    /// <summary>Security Hub's answer in an account where it is not enabled.</summary>
    public static CannedResponse SecurityHubNotEnabled(string accountId) => CannedResponse.From(Envelopes.SecurityHubNotEnabled(accountId));

    /// <summary>True for STS AssumeRole into a role of <paramref name="accountId"/>.</summary>
    public static bool IsAssumeRoleInto(RecordedRequest request, string accountId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Header("Content-Type")?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.Form() is var form
            && form.Any(p => p.Key == "Action" && p.Value == "AssumeRole")
            && form.Any(p => p.Key == "RoleArn" && p.Value.Contains($"::{accountId}:", StringComparison.Ordinal));
    }
}
