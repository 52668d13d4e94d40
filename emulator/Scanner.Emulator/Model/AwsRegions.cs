namespace Scanner.Emulator.Model;

/// <summary>The commercial partition's regions as DescribeRegions(AllRegions) lists them.</summary>
public static class AwsRegions
{
    /// <summary>The 17 regions enabled in every account (opt-in-not-required).</summary>
    public static readonly IReadOnlyList<string> Default =
    [
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
        "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
        "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ];

    /// <summary>Regions an account must opt into; listed as not-opted-in unless it has.</summary>
    public static readonly IReadOnlyList<string> OptIn =
    [
        "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ca-west-1",
        "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1",
    ];

    public const string Home = "us-east-1";
}
