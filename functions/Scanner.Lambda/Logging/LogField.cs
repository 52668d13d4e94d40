using System.Globalization;

namespace Scanner.Lambda.Logging;

public enum LogLevel
{
    Debug = 0,
    Info = 1,
    Warn = 2,
    Error = 3,
}

public enum LogFieldKind
{
    String,
    Integer,
    Number,
    Boolean,
}

/// <summary>
/// One named value on a log line. Tuples convert implicitly, so a call reads
/// <c>log.Info("account scanned", ("account", id), ("findings", 12), ("durationMs", elapsed.TotalMilliseconds))</c>.
/// A struct rather than <c>object</c> so no value is boxed and no reflection is needed to write it.
/// </summary>
public readonly record struct LogField
{
    private LogField(string name, LogFieldKind kind, string? stringValue, long integerValue, double numberValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Kind = kind;
        StringValue = stringValue;
        IntegerValue = integerValue;
        NumberValue = numberValue;
    }

    public string Name { get; }

    public LogFieldKind Kind { get; }

    public string? StringValue { get; }

    public long IntegerValue { get; }

    public double NumberValue { get; }

    public static LogField String(string name, string? value) => new(name, LogFieldKind.String, value, 0, 0);

    public static LogField Integer(string name, long value) => new(name, LogFieldKind.Integer, null, value, 0);

    public static LogField Number(string name, double value) => new(name, LogFieldKind.Number, null, 0, value);

    public static LogField Boolean(string name, bool value) => new(name, LogFieldKind.Boolean, null, value ? 1 : 0, 0);

    /// <summary>A duration as whole milliseconds, the unit CloudWatch metric filters expect.</summary>
    public static LogField Milliseconds(string name, TimeSpan value) => Integer(name, (long)Math.Round(value.TotalMilliseconds));

    public static implicit operator LogField((string Name, string? Value) field) => String(field.Name, field.Value);

    public static implicit operator LogField((string Name, int Value) field) => Integer(field.Name, field.Value);

    public static implicit operator LogField((string Name, long Value) field) => Integer(field.Name, field.Value);

    public static implicit operator LogField((string Name, double Value) field) => Number(field.Name, field.Value);

    public static implicit operator LogField((string Name, bool Value) field) => Boolean(field.Name, field.Value);

    public override string ToString() => Kind switch
    {
        LogFieldKind.String => $"{Name}={StringValue}",
        LogFieldKind.Integer => $"{Name}={IntegerValue.ToString(CultureInfo.InvariantCulture)}",
        LogFieldKind.Number => $"{Name}={NumberValue.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{Name}={(IntegerValue != 0 ? "true" : "false")}",
    };
}
