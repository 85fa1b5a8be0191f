namespace KubeRpc.Benchmarks;

/// <summary>A process's CPU time so far (user + system, from /proc/PID/stat), to split a run's cost between processes.</summary>
internal static class ProcessCpu
{
    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces, so cut at its closing parenthesis): utime and stime are 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    public static TimeSpan Self() => Of(Environment.ProcessId);
}
