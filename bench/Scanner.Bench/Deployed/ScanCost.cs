namespace Scanner.Bench.Deployed;

/// <summary>
/// Public us-east-1 list prices the cost estimate assumes, read on 2026-12-06 from stored copies of public pages:
/// the Lambda pricing page (archived 2026-06-18) and pricing guides of March and June 2026 for SQS; Security Hub's
/// finding ingestion price from a guide quoting its pricing page. Free tiers are left out: the estimate is what a
/// scan costs once they are used up (Lambda 1M requests and 400,000 GB-s a month, SQS 1M requests a month, Security
/// Hub 10,000 ingestion events per account and Region a month).
/// </summary>
internal static class Prices
{
    public const string TakenOn = "2026-12-06";
    public const double LambdaX86PerGbSecond = 0.0000166667;
    public const double LambdaArm64PerGbSecond = 0.0000133334;
    public const double LambdaPerMillionRequests = 0.20;
    public const double SqsPerMillionRequests = 0.40;
    public const double SecurityHubPerIngestionEvent = 0.00003;
}

/// <summary>What one scan costs at <see cref="Prices"/>.</summary>
internal sealed record ScanCost(double GbSeconds, long LambdaRequests, long SqsRequests, long IngestionEvents)
{
    public double LambdaX86 => GbSeconds * Prices.LambdaX86PerGbSecond + LambdaRequests * Prices.LambdaPerMillionRequests / 1e6;
    public double LambdaArm64 => GbSeconds * Prices.LambdaArm64PerGbSecond + LambdaRequests * Prices.LambdaPerMillionRequests / 1e6;
    public double Sqs => SqsRequests * Prices.SqsPerMillionRequests / 1e6;
    public double Ingestion => IngestionEvents * Prices.SecurityHubPerIngestionEvent;
    public double TotalX86 => LambdaX86 + Sqs + Ingestion;
    public double TotalArm64 => LambdaArm64 + Sqs + Ingestion;

    public static double GbSecondsOf(double billedMs, int memoryMb) => billedMs / 1000 * memoryMb / 1024.0;
}
