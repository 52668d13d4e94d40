using System.Globalization;

namespace Scanner.Bench;

/// <summary>
/// How busy the whole machine was over a span, and how much of that was ours (this process and the server child) and
/// how much other processes' (builds and tests running beside the benchmark skew its figures). Linux /proc only.
/// </summary>
internal sealed class MachineLoad
{
    private readonly int? _serverProcessId;
    private readonly (long Busy, long Total) _machine;
    private readonly long _self;
    private readonly long _server;

    public MachineLoad(int? serverProcessId)
    {
        _serverProcessId = serverProcessId;
        _machine = Machine();
        _self = ProcessTicks(Environment.ProcessId);
        _server = serverProcessId is { } id ? ProcessTicks(id) : 0;
    }

    /// <summary>Shares of the machine's capacity (all cores) over the span: (machine busy, this process, server, others).</summary>
    public (double Machine, double Self, double Server, double Others)? Shares()
    {
        var machine = Machine();
        var total = machine.Total - _machine.Total;
        if (total <= 0)
        {
            return null;
        }

        var busy = (double)(machine.Busy - _machine.Busy) / total;
        var self = (double)(ProcessTicks(Environment.ProcessId) - _self) / total;
        var server = _serverProcessId is { } id ? (double)(ProcessTicks(id) - _server) / total : 0;
        return (busy, self, server, Math.Max(0, busy - self - server));
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>/proc/stat's first line: user nice system idle iowait irq softirq steal, in ticks summed over cores.</summary>
    private static (long Busy, long Total) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Sum();
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return (0, 0);
        }
    }

    /// <summary>utime + stime of a process (and its finished threads), in ticks.</summary>
    private static long ProcessTicks(int processId)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{processId}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
