using System.CommandLine;
using Amazon.Runtime;
using Scanner.Aws.Sessions;
using Scanner.Core.Policy;

namespace Scanner.Commands;

/// <summary>
/// `policy validate FILE|s3://bucket/key`: reads a policy document with the same loader and validation as a scan and
/// the functions, and says whether it is valid, naming every problem with its field and line. Exit 0 valid, 1 not:
/// a pipeline checks a policy before uploading it.
/// </summary>
public static class PolicyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var source = new Argument<string>("document") { Description = "The policy document: a file path or an s3://bucket/key URI." };
        var endpoint = new Option<string?>("--endpoint-url") { Description = "For an s3:// document: send the S3 call to this URL (an emulator). Default: AWS_ENDPOINT_URL, else real AWS." };
        var region = new Option<string?>("--region") { Description = "For an s3:// document: the Region to sign for. Default: AWS_REGION, else us-east-1." };
        var profile = new Option<string?>("--profile") { Description = "For an s3:// document: a named AWS profile." };
        var validate = new Command("validate", "Check a policy document without scanning: every problem named with its field and line. Exit 0 valid, 1 invalid.")
        {
            source, endpoint, region, profile,
        };
        validate.SetAction((parse, ct) => ValidateAsync(
            parse.GetValue(source)!, () => AwsEnvironment.FromDefaults(parse.GetValue(region), parse.GetValue(profile), parse.GetValue(endpoint)), stdout, stderr, ct));
        return new Command("policy", "Work with policy documents.") { validate };
    }

    public static async Task<int> ValidateAsync(string source, Func<AwsEnvironment> aws, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var policy = await PolicyInput.ReadAsync(source, "document", aws, ct);
            await stdout.WriteLineAsync(
                $"{source}: valid ({policy.ApprovedRegions.Count} approved Region(s), {policy.RequiredTags.Count} required tag(s), "
                + $"{policy.Overrides.Count} override(s), {policy.Exemptions.Count} exemption(s), "
                + $"{(policy.EnabledChecks is { } checks ? $"{checks.Count} check(s)" : "every check")})");
            return ScanRunner.ExitClean;
        }
        catch (PolicyException e)
        {
            foreach (var error in e.Errors.Count > 0 ? e.Errors : [new PolicyError("document", e.Message)])
            {
                await stderr.WriteLineAsync(error.Line is { } line ? $"{source}:{line}: {error.Field}: {error.Problem}" : $"{source}: {error.Field}: {error.Problem}");
            }

            return ScanRunner.ExitCouldNotRun;
        }
        catch (Exception e) when (e is ArgumentException or AmazonClientException)
        {
            await stderr.WriteLineAsync($"{source}: {e.Message}");
            return ScanRunner.ExitCouldNotRun;
        }
    }
}
