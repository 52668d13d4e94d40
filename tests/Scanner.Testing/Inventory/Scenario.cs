namespace Scanner.Testing.Inventory;

using Scanner.Core.Checks;
using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>Fixed facts every scenario shares: one clock, two accounts, a home Region.</summary>
public static class Scenario
{
    /// <summary>The moment every inventory was "collected"; ages and expiries are measured from it.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 10, 30, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2025, 6, 15);

    public const string MemberId = "111122223333";
    public const string ManagementId = "999988887777";
    public const string HomeRegion = "eu-west-1";

    public static IReadOnlyList<CheckResult> Run(ICheck check, AccountInventory inventory, AccountPolicy? policy = null) =>
        [.. check.Evaluate(inventory, policy ?? new AccountPolicy())];

    /// <summary>Runs one check through the evaluator, so exemptions apply.</summary>
    public static IReadOnlyList<CheckResult> Evaluate(ICheck check, AccountInventory inventory, ScanPolicy? policy = null) =>
        Evaluator.Run(inventory, policy ?? ScanPolicy.Default, [check]).Results;
}
