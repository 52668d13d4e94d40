using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Scanner.Emulator.Model;

namespace Scanner.Emulator.Wire;

/// <summary>
/// Who is calling what, read off an HTTP request the way AWS's front ends do: the protocol is told by X-Amz-Target
/// (awsJson), a restJson path, or a form with an Action (awsQuery, ec2); the caller's account by the access key id in
/// the SigV4 credential scope (an unknown key acts as the management account, as the demo's "testing" key does).
/// </summary>
public static class AwsRequestReader
{
    private static readonly Dictionary<string, string> JsonServices = new(StringComparer.Ordinal)
    {
        ["AWSOrganizationsV20161128"] = "Organizations",
        ["ResourceGroupsTaggingAPI_20170126"] = "Tagging",
        ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"] = "CloudTrail",
        ["AmazonSQS"] = "SQS",
        ["StarlingDoveService"] = "Config",
        ["TrentService"] = "KMS",
        ["Logs_20140328"] = "Logs",
    };

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is 0)
        {
            return [];
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length and < 1 << 24 ? (int)length : 1024);
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public static (AwsCall? Call, WireReply? Error) Parse(HttpRequest request, string path, byte[] body, SyntheticOrganization organization)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(organization);
        var (accessKeyId, region, signingService) = AwsCall.CredentialScope(request.Headers.Authorization);
        var encoded = AwsCall.AccountOfAccessKey(accessKeyId);
        var account = encoded is null ? organization.Management : organization.Find(encoded);
        if (account is null)
        {
            return (null, Envelopes.RestJsonError(403, "InvalidClientTokenId", "The security token included in the request is invalid."));
        }

        AwsCall Call(WireProtocolKind protocol, string service, string operation, JsonElement json = default, IReadOnlyDictionary<string, string>? parameters = null) => new()
        {
            Organization = organization, Account = account, AccessKeyId = accessKeyId, Region = region, SigningService = signingService,
            Protocol = protocol, Service = service, Operation = operation, Json = json,
            Parameters = parameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
            CanonicalParameters = parameters is null ? WireText.Canonical(json) : AwsCall.CanonicalForm(parameters),
        };

        var target = request.Headers["X-Amz-Target"].ToString();
        if (target.Length > 0)
        {
            var dot = target.LastIndexOf('.');
            var service = dot < 0 ? null : JsonServices.GetValueOrDefault(target[..dot]);
            return service is null
                ? (null, Envelopes.JsonError(400, "UnknownOperationException", $"Unknown target {target}"))
                : (Call(WireProtocolKind.Json, service, target[(dot + 1)..], ParseJson(body)), null);
        }

        if (path.StartsWith("/2015-03-31/functions", StringComparison.Ordinal))
        {
            var query = QueryParameters(request);
            var operation = (request.Method, path.TrimEnd('/')) switch
            {
                ("GET", "/2015-03-31/functions") => "ListFunctions",
                ("POST", "/2015-03-31/functions") => "CreateFunction",
                _ => request.Method + " " + path,
            };
            return (operation == "CreateFunction" ? Call(WireProtocolKind.RestJson, "Lambda", operation, ParseJson(body)) : Call(WireProtocolKind.RestJson, "Lambda", operation, parameters: query), null);
        }

        if (path is "/findings" or "/findings/import" or "/accounts")
        {
            var operation = (request.Method, path) switch
            {
                ("POST", "/findings/import") => "BatchImportFindings",
                ("POST", "/findings") => "GetFindings",
                ("POST", "/accounts") => "EnableSecurityHub",
                ("GET", "/accounts") => "DescribeHub",
                _ => request.Method + " " + path,
            };
            return (Call(WireProtocolKind.RestJson, "SecurityHub", operation, ParseJson(body)), null);
        }

        if (path == "/detector" || path.StartsWith("/detector/", StringComparison.Ordinal))
        {
            var query = QueryParameters(request);
            var detectorId = path.Length > "/detector/".Length ? Uri.UnescapeDataString(path["/detector/".Length..].TrimEnd('/')) : null;
            var operation = (request.Method, detectorId) switch
            {
                ("GET", null) => "ListDetectors",
                ("POST", null) => "CreateDetector",
                ("GET", { } id) when !id.Contains('/', StringComparison.Ordinal) => "GetDetector",
                _ => request.Method + " " + path,
            };
            if (detectorId is not null)
            {
                query["DetectorId"] = detectorId;
            }

            return (operation == "CreateDetector" ? Call(WireProtocolKind.RestJson, "GuardDuty", operation, ParseJson(body)) : Call(WireProtocolKind.RestJson, "GuardDuty", operation, parameters: query), null);
        }

        var form = request.Method == "GET" ? QueryParameters(request) : AwsCall.ParseForm(Encoding.UTF8.GetString(body));
        var action = form.GetValueOrDefault("Action");
        var (queryService, protocol) = (signingService, form.GetValueOrDefault("Version")) switch
        {
            ("iam", _) or (_, "2010-05-08") => ("IAM", WireProtocolKind.Query),
            ("sts", _) or (_, "2011-06-15") => ("STS", WireProtocolKind.Query),
            ("ec2", _) or (_, "2016-11-15") => ("EC2", WireProtocolKind.Ec2),
            ("cloudformation", _) or (_, "2010-05-15") => ("CloudFormation", WireProtocolKind.Query),
            ("sns", _) or (_, "2010-03-31") => ("SNS", WireProtocolKind.Query),
            _ => ((string?)null, WireProtocolKind.Query),
        };
        if (action is not null && queryService is not null)
        {
            return (Call(protocol, queryService, action, parameters: form), null);
        }

        // S3 (restXml), only what the demo sends: PUT /{bucket} creates a bucket in the caller's account.
        if (request.Method == "PUT" && action is null && path.Length > 1 && path.IndexOf('/', 1) < 0 && signingService is "" or "s3")
        {
            return (Call(WireProtocolKind.RestXml, "S3", "CreateBucket", parameters: new Dictionary<string, string>(StringComparer.Ordinal) { ["Bucket"] = path[1..] }), null);
        }

        return (null, Envelopes.RestJsonError(400, "UnknownOperationException", $"No operation matches {request.Method} {path}."));
    }

    private static JsonElement ParseJson(byte[] body)
    {
        if (body.Length == 0)
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static Dictionary<string, string> QueryParameters(HttpRequest request)
        => request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
