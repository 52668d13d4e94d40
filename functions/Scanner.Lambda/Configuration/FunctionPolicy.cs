using Scanner.Aws.Errors;
using Scanner.Aws.Policy;
using Scanner.Core.Policy;

namespace Scanner.Lambda.Configuration;

/// <summary>
/// The scan policy a function applies: the document at POLICY_URI (re-checked by ETag at each invocation, so a
/// replaced object applies at the next one), or, without it, the environment's values over the defaults; with the
/// function's own settings (audit role, ExternalId, stack name) laid over either. A document that cannot be read or
/// is not a valid policy is a <see cref="ConfigurationException"/> naming POLICY_URI, the field and the line: at init
/// the function fails to start, at an invocation that invocation fails, and nothing is scanned with a policy that
/// was not meant (never a silent fallback).
/// </summary>
public sealed class FunctionPolicy(FunctionSettings settings, S3PolicyDocument? document)
{
    private ScanPolicy? _fromEnvironment;

    /// <summary>The policy in force now.</summary>
    /// <exception cref="ConfigurationException">The policy document (or the environment's policy values) cannot be used.</exception>
    public async Task<ScanPolicy> CurrentAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            if (document is null)
            {
                return _fromEnvironment ??= ScanPolicy.Default
                    .WithOverrides(settings.EnvironmentPolicy, "environment")
                    .WithOverrides(settings.FunctionPolicySettings, "environment");
            }

            var policy = await document.LoadAsync(cancellationToken);
            return policy.WithOverrides(settings.FunctionPolicySettings, "environment");
        }
        catch (PolicyException e)
        {
            throw new ConfigurationException(document is null ? e.Message : $"POLICY_URI: {e.Message}", e);
        }
        catch (AwsServiceException e)
        {
            throw new ConfigurationException($"POLICY_URI: the policy document {document?.Uri} could not be read: {e.ErrorCode}: {e.ErrorMessage}", e);
        }
    }
}
