namespace Scanner.Aws.Collectors;

/// <summary>Reads a CloudFormation-style type and a short id from an ARN the tagging API returns.</summary>
public static class ResourceArn
{
    public static (string Type, string Id) TypeAndId(string arn)
    {
        // arn:partition:service:region:account:resource, where resource is type/id, type:id or id.
        var parts = arn.Split(':', 6);
        if (parts.Length < 6)
        {
            return ("Other", arn);
        }

        var service = parts[2];
        var resource = parts[5];
        var cut = resource.IndexOfAny(['/', ':']);
        var (kind, id) = cut < 0 ? ("", resource) : (resource[..cut], resource[(cut + 1)..]);
        var type = (service, kind) switch
        {
            ("ec2", "instance") => "AWS::EC2::Instance",
            ("lambda", "function") => "AWS::Lambda::Function",
            ("s3", _) => "AWS::S3::Bucket",
            ("cloudtrail", "trail") => "AWS::CloudTrail::Trail",
            (_, "") => $"AWS::{Pascal(service)}::Resource",
            _ => $"AWS::{Pascal(service)}::{Pascal(kind)}",
        };
        if (service == "lambda" && kind == "function")
        {
            // function:name[:qualifier]
            var qualifier = id.IndexOf(':', StringComparison.Ordinal);
            id = qualifier < 0 ? id : id[..qualifier];
        }

        return (type, id);
    }

    private static string Pascal(string value)
        => string.Concat(value.Split('-', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
