using System.Globalization;

namespace Durango.Bench;

/// <summary>
/// The CPU time (user + system) of this process's children that have ended and been waited for, with everything they
/// waited for in turn (<c>cutime</c> + <c>cstime</c> of <c>/proc/self/stat</c>): a whole <c>durango run</c> with its
/// steps, or a shell with its spawns. On two cores a fan-out is bound by CPU, so its CPU per item is what a spawn's
/// CPU is compared with. Zero where there is no <c>/proc</c>.
/// </summary>
internal static class ChildCpu
{
    // Linux reports these times in clock ticks of USER_HZ, 100 a second on every architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The children's CPU time so far.</summary>
    public static TimeSpan Total()
    {
        if (!File.Exists("/proc/self/stat"))
        {
            return TimeSpan.Zero;
        }

        // The fields after the command's closing parenthesis start at the third (state); cutime and cstime are the 16th and 17th.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[16 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[17 - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
