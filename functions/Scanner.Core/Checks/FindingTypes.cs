namespace Scanner.Core.Checks;

/// <summary>ASFF finding types the checks use, spelled once.</summary>
public static class FindingTypes
{
    public const string BestPractices = "Software and Configuration Checks/AWS Security Best Practices";
    public const string CisBenchmark = "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark";
}
