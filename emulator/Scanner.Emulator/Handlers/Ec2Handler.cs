using System.Text;
using Scanner.Emulator.Model;
using Scanner.Emulator.Wire;

namespace Scanner.Emulator.Handlers;

/// <summary>
/// EC2 (the ec2 protocol: Query requests, XML answers with lower-camel names and item lists), as AWSSDK.EC2 parses it:
/// the Regions and instances the scanner reads, and the image lookup and RunInstances the demo starts instances with.
/// </summary>
internal sealed class Ec2Handler(OrganizationStore store) : IServiceHandler
{
    /// <summary>The one public image the emulator offers, an Amazon Linux 2023 AMI for x86_64.</summary>
    private const string ImageId = "ami-0abcdef1234567890";

    public WireReply Handle(AwsCall call) => call.Operation switch
    {
        "DescribeRegions" => DescribeRegions(call),
        "DescribeInstances" => DescribeInstances(call),
        "DescribeImages" => Envelopes.Ec2Result("DescribeImages", x => x.Append("<imagesSet><item>").Element("imageId", ImageId)
            .Element("imageLocation", "amazon/al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64").Element("imageState", "available")
            .Element("imageOwnerId", "137112412989").Element("isPublic", true).Element("architecture", "x86_64").Element("imageType", "machine")
            .Element("name", "al2023-ami-2023.6.20241212.0-kernel-6.1-x86_64").Element("imageOwnerAlias", "amazon")
            .Element("rootDeviceType", "ebs").Element("rootDeviceName", "/dev/xvda").Element("virtualizationType", "hvm").Element("hypervisor", "xen")
            .Append("</item></imagesSet>")),
        "RunInstances" => RunInstances(call),
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

    /// <summary>One instance (MaxCount is not honoured beyond 1), running at once, with the tags of its instance TagSpecification.</summary>
    private WireReply RunInstances(AwsCall call)
    {
        var tags = new List<SyntheticTag>();
        for (var spec = 1; call.Parameter($"TagSpecification.{spec}.ResourceType") is { } type; spec++)
        {
            for (var i = 1; type == "instance" && call.Parameter($"TagSpecification.{spec}.Tag.{i}.Key") is { } key; i++)
            {
                tags.Add(new SyntheticTag(key, call.Parameter($"TagSpecification.{spec}.Tag.{i}.Value") ?? ""));
            }
        }

        var instance = new SyntheticInstance("i-" + store.NewId(OrganizationStore.Hex, 17), call.Region, call.Parameter("InstanceType") ?? "m1.small", "running",
            store.Time.GetUtcNow(), tags);
        return store.UpdateAccount(call.Account.Id, account => (account with { Instances = [.. account.Instances, instance] },
            Envelopes.Ec2Result("RunInstances", x =>
            {
                // RunInstances answers with the reservation's members at the top level.
                var reservation = new StringBuilder();
                Reservation(reservation, account.Id, instance);
                var text = reservation.ToString();
                x.Append(text, "<item>".Length, text.Length - "<item>".Length - "</item>".Length);
            })));
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
