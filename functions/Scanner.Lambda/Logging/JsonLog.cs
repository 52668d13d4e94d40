using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scanner.Lambda.Logging;

/// <summary>
/// One JSON object per line on a stream (stdout in Lambda, where each line becomes one CloudWatch event
/// that Logs Insights can query by field). Nothing here knows about Lambda, so the CLI can use it too.
/// </summary>
/// <remarks>
/// Thread-safe: lines are built in a private buffer and written whole under a lock, so concurrent scans of
/// regions or accounts never interleave within a line. Field values whose names suggest a credential are
/// redacted as a last line of defence; callers must still never pass secrets.
/// </remarks>
public sealed class JsonLog
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Log lines are read by people and by Logs Insights, not embedded in HTML: keep quotes and '+' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    private static readonly string[] SecretLikeNames =
        ["secret", "password", "token", "credential", "accesskey", "externalid", "authorization", "signature"];

    private readonly Stream _output;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate;
    private readonly LogLevel _minimumLevel;

    public JsonLog(Stream output, TimeProvider? timeProvider = null, LogLevel minimumLevel = LogLevel.Debug)
        : this(output, timeProvider ?? TimeProvider.System, minimumLevel, new Lock())
    {
    }

    private JsonLog(Stream output, TimeProvider timeProvider, LogLevel minimumLevel, Lock gate)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _timeProvider = timeProvider;
        _minimumLevel = minimumLevel;
        _gate = gate;
    }

    /// <summary>A log on the process's standard output.</summary>
    public static JsonLog StandardOutput(TimeProvider? timeProvider = null, LogLevel minimumLevel = LogLevel.Debug) =>
        new(Console.OpenStandardOutput(), timeProvider, minimumLevel);

    /// <summary>
    /// The request being served, written on every line while set. The Lambda host sets it for each invocation
    /// (one invocation at a time per process), so handlers need not thread it through.
    /// </summary>
    public string? RequestId { get; set; }

    public void Debug(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Debug, message, fields);

    public void Info(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Info, message, fields);

    public void Warn(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Warn, message, fields);

    public void Error(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Error, message, fields);

    public void Write(LogLevel level, string message, params ReadOnlySpan<LogField> fields)
    {
        if (level < _minimumLevel)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", _timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("level", LevelName(level));
            writer.WriteString("message", message);
            var requestId = RequestId;
            if (requestId is not null)
            {
                writer.WriteString("requestId", requestId);
            }

            foreach (var field in fields)
            {
                WriteField(writer, field);
            }

            writer.WriteEndObject();
        }

        lock (_gate)
        {
            _output.Write(buffer.WrittenSpan);
            _output.WriteByte((byte)'\n');
            _output.Flush();
        }
    }

    private static void WriteField(Utf8JsonWriter writer, in LogField field)
    {
        if (IsSecretLike(field.Name))
        {
            writer.WriteString(field.Name, "[redacted]");
            return;
        }

        switch (field.Kind)
        {
            case LogFieldKind.String when field.StringValue is null:
                writer.WriteNull(field.Name);
                break;
            case LogFieldKind.String:
                writer.WriteString(field.Name, field.StringValue);
                break;
            case LogFieldKind.Integer:
                writer.WriteNumber(field.Name, field.IntegerValue);
                break;
            case LogFieldKind.Number:
                writer.WriteNumber(field.Name, field.NumberValue);
                break;
            case LogFieldKind.Boolean:
                writer.WriteBoolean(field.Name, field.IntegerValue != 0);
                break;
            default:
                writer.WriteNull(field.Name);
                break;
        }
    }

    private static bool IsSecretLike(string name)
    {
        foreach (var secret in SecretLikeNames)
        {
            if (name.Contains(secret, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => "INFO",
    };
}
