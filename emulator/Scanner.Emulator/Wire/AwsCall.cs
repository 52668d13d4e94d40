using System.Text;
using System.Text.Json;
using Scanner.Emulator.Model;

namespace Scanner.Emulator.Wire;

/// <summary>
/// One AWS request as the server understands it: who is calling (the account encoded in the access key id of the
/// SigV4 credential scope), which region and service the request was signed for, which operation it is, and its
/// parameters in whichever form the protocol carries them.
/// </summary>
public sealed class AwsCall
{
    /// <summary>The organization as it was when the call arrived: the call is answered from this one snapshot.</summary>
    public required SyntheticOrganization Organization { get; init; }

    public required SyntheticAccount Account { get; init; }

    /// <summary>The access key id from the credential scope ("" when the request was not signed).</summary>
    public required string AccessKeyId { get; init; }

    public required string Region { get; init; }

    /// <summary>The signing name from the credential scope: iam, sts, ec2, organizations, lambda, tagging, cloudtrail, securityhub.</summary>
    public required string SigningService { get; init; }

    public required WireProtocolKind Protocol { get; init; }

    /// <summary>"IAM", "EC2", ...: the service the operation belongs to, for counts and logs.</summary>
    public required string Service { get; init; }

    public required string Operation { get; init; }

    /// <summary>awsQuery / ec2: the form parameters; restJson GET: the query string.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>awsJson / restJson POST: the JSON body (undefined when there was none).</summary>
    public JsonElement Json { get; init; }

    /// <summary>The request's parameters in a canonical text form: equal for equal requests (the duplicate detector's key).</summary>
    public required string CanonicalParameters { get; init; }

    public string? Parameter(string name) => Parameters.GetValueOrDefault(name);

    public string? JsonString(string name)
        => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? JsonInt(string name)
        => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    public bool JsonBool(string name)
        => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A JSON member (undefined when absent).</summary>
    public JsonElement JsonMember(string name)
        => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value) ? value : default;

    /// <summary>awsQuery lists: Name.member.1, Name.member.2, … (Tags.member.1.Key and .Value for tags).</summary>
    public IReadOnlyList<SyntheticTag> QueryTags(string name = "Tags")
    {
        var tags = new List<SyntheticTag>();
        for (var i = 1; Parameter($"{name}.member.{i}.Key") is { } key; i++)
        {
            tags.Add(new SyntheticTag(key, Parameter($"{name}.member.{i}.Value") ?? ""));
        }

        return tags;
    }

    /// <summary>JSON tag lists: [{"Key": …, "Value": …}] (or another pair of member names, as KMS's TagKey/TagValue).</summary>
    public IReadOnlyList<SyntheticTag> JsonTags(string name = "Tags", string key = "Key", string value = "Value")
    {
        var list = JsonMember(name);
        if (list.ValueKind == JsonValueKind.Object)
        {
            // Lambda and CloudWatch Logs send tags as a map.
            return [.. list.EnumerateObject().Select(p => new SyntheticTag(p.Name, p.Value.GetString() ?? ""))];
        }

        return list.ValueKind != JsonValueKind.Array ? [] : [.. list.EnumerateArray()
            .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty(key, out _))
            .Select(t => new SyntheticTag(t.GetProperty(key).GetString() ?? "", t.TryGetProperty(value, out var v) ? v.GetString() ?? "" : ""))];
    }

    /// <summary>The ledger key: the same data asked for twice by the same account gives the same key.</summary>
    public string LedgerKey => $"{Account.Id}|{Service}.{Operation}|{Region}|{CanonicalParameters}";

    public string OperationLabel => $"{Service}.{Operation}";

    /// <summary>Reads the credential scope of a SigV4 Authorization header: Credential=AKID/date/region/service/aws4_request.</summary>
    public static (string AccessKeyId, string Region, string Service) CredentialScope(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return ("", AwsRegions.Home, "");
        }

        var start = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (start < 0)
        {
            return ("", AwsRegions.Home, "");
        }

        start += "Credential=".Length;
        var end = authorization.IndexOfAny([',', ' '], start);
        var scope = (end < 0 ? authorization[start..] : authorization[start..end]).Split('/');
        return scope.Length >= 5 ? (scope[0], scope[2], scope[3]) : (scope[0], AwsRegions.Home, "");
    }

    /// <summary>The account an access key id acts as: ASIA/AKIA followed by the 12-digit account id (see <see cref="Handlers.StsHandler"/>).</summary>
    public static string? AccountOfAccessKey(string accessKeyId)
    {
        if (accessKeyId.Length >= 16 && (accessKeyId.StartsWith("ASIA", StringComparison.Ordinal) || accessKeyId.StartsWith("AKIA", StringComparison.Ordinal)))
        {
            var digits = accessKeyId.AsSpan(4, 12);
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return null;
                }
            }

            return digits.ToString();
        }

        return null;
    }

    /// <summary>application/x-www-form-urlencoded, as the Query and EC2 protocols send it.</summary>
    public static Dictionary<string, string> ParseForm(string text)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Unescape(pair[(eq + 1)..]);
            form[key] = value;
        }

        return form;
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    /// <summary>Sorted name=value pairs, leaving out what does not select data (Action, Version).</summary>
    public static string CanonicalForm(IReadOnlyDictionary<string, string> form)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in form.Where(p => p.Key is not ("Action" or "Version")).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            builder.Append(key).Append('=').Append(value).Append('&');
        }

        return builder.ToString();
    }
}

public enum WireProtocolKind
{
    Query,
    Ec2,
    Json,
    RestJson,
    RestXml,
}
