namespace Scanner.Core.Guardrails;

/// <summary>
/// Three-valued logic (Kleene): a condition the evaluator cannot decide is Unknown, and Unknown propagates, so
/// that "cannot tell" is never mistaken for a pass or a failure.
/// </summary>
public enum Truth
{
    False,
    True,
    Unknown,
}

internal static class TruthLogic
{
    public static Truth Of(bool value) => value ? Truth.True : Truth.False;

    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False : a == Truth.True && b == Truth.True ? Truth.True : Truth.Unknown;

    public static Truth Or(Truth a, Truth b) =>
        a == Truth.True || b == Truth.True ? Truth.True : a == Truth.False && b == Truth.False ? Truth.False : Truth.Unknown;

    public static Truth Not(Truth a) => a switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };

    public static Truth All(IEnumerable<Truth> values) => values.Aggregate(Truth.True, And);

    public static Truth Any(IEnumerable<Truth> values) => values.Aggregate(Truth.False, Or);
}
