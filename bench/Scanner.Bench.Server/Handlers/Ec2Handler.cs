using System.Text;
using Scanner.Bench.Server.Model;
using Scanner.Bench.Server.Wire;

namespace Scanner.Bench.Server.Handlers;

/// <summary>EC2 (the ec2 protocol: Query requests, XML answers with lower-camel names and item lists), as AWSSDK.EC2 parses it.</summary>
internal sealed class Ec2Handler : IServiceHandler
{
    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "DescribeRegions" => DescribeRegions(call),
        "DescribeInstances" => DescribeInstances(call),
        _ => Envelopes.Ec2Error(400, "InvalidAction", $"The action {call.Operation} is not valid for this web service."),
    };

    private static WireReply DescribeRegions(AwsCall call)
    {
        var all = string.Equals(call.Parameter("AllRegions"), "true", StringComparison.OrdinalIgnoreCase);
        var regions = AwsRegions.Default.Select(r => (Name: r, Status: "opt-in-not-required"))
            .Concat(AwsRegions.OptIn.Select(r => (Name: r, Status: call.Account.OptedInRegions.Contains(r) ? "opted-in" : "not-opted-in")))
            .Where(r => all || r.Status != "not-opted-in")
            .OrderBy(r => r.Name, StringComparer.Ordinal);
        return Envelopes.Ec2Result("DescribeRegions", x =>
        {
            x.Append("<regionInfo>");
            foreach (var (name, status) in regions)
            {
                x.Append("<item>").Element("regionName", name).Element("regionEndpoint", $"ec2.{name}.amazonaws.com").Element("optInStatus", status).Append("</item>");
            }

            x.Append("</regionInfo>");
        });
    }

    /// <summary>One reservation per instance, as RunInstances of one instance each makes them; paged by MaxResults.</summary>
    private static WireReply DescribeInstances(AwsCall call)
    {
        var instances = call.Account.Instances.Where(i => i.Region == call.Region).ToList();
        var (page, next) = Pages.Slice(instances, call.Parameter("NextToken"), Pages.Int(call.Parameter("MaxResults")), 1000, 1000);
        return Envelopes.Ec2Result("DescribeInstances", x =>
        {
            if (page.Count == 0)
            {
                x.Append("<reservationSet/>");
            }
            else
            {
                x.Append("<reservationSet>");
                foreach (var instance in page)
                {
                    Reservation(x, call.Account.Id, instance);
                }

                x.Append("</reservationSet>");
            }

            if (next is not null)
            {
                x.Element("nextToken", next);
            }
        });
    }

    private static void Reservation(StringBuilder x, string accountId, SyntheticInstance instance)
    {
        var code = instance.State switch
        {
            "running" => 16,
            "stopped" => 80,
            "terminated" => 48,
            _ => 0,
        };
        x.Append("<item>").Element("reservationId", "r-" + instance.Id[2..]).Element("ownerId", accountId).Append("<groupSet/><instancesSet><item>")
            .Element("instanceId", instance.Id)
            .Element("imageId", "ami-0abcdef1234567890")
            .Append("<instanceState>").Element("code", code).Element("name", instance.State).Append("</instanceState>")
            .Element("privateDnsName", instance.State == "terminated" ? "" : $"ip-10-0-0-{code}.{instance.Region}.compute.internal")
            .Element("instanceType", instance.InstanceType)
            .Element("launchTime", WireText.IsoMillis(instance.LaunchedAt))
            .Append("<placement>").Element("availabilityZone", instance.Region + "a").Element("tenancy", "default").Append("</placement>")
            .Append("<monitoring>").Element("state", "disabled").Append("</monitoring>");
        if (instance.State != "terminated")
        {
            x.Element("subnetId", "subnet-0123456789abcdef0").Element("vpcId", "vpc-0123456789abcdef0").Element("privateIpAddress", "10.0.0." + code);
        }

        x.Element("architecture", instance.InstanceType.StartsWith("c6g", StringComparison.Ordinal) ? "arm64" : "x86_64")
            .Element("rootDeviceType", "ebs").Element("rootDeviceName", "/dev/xvda").Element("virtualizationType", "hvm")
            .Element("hypervisor", "xen").Element("ebsOptimized", false);
        if (instance.Tags.Count > 0)
        {
            x.Append("<tagSet>");
            foreach (var tag in instance.Tags)
            {
                x.Append("<item>").Element("key", tag.Key).Element("value", tag.Value).Append("</item>");
            }

            x.Append("</tagSet>");
        }

        x.Append("</item></instancesSet></item>");
    }
}
