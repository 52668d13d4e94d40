namespace Scanner.Core.Checks;

using Scanner.Core.Evaluation;
using Scanner.Core.Inventory;
using Scanner.Core.Policy;

/// <summary>
/// A compliance check: a pure function of one account's inventory and the policy in force for that account.
/// No I/O, no clock (time comes from the inventory), no randomness: the same input always gives the same results.
/// Exemptions are applied by the evaluator, not by each check.
/// </summary>
public interface ICheck
{
    CheckMetadata Metadata { get; }

    IEnumerable<CheckResult> Evaluate(AccountInventory inventory, AccountPolicy policy);
}
