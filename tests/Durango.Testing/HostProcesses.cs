namespace Durango.Testing;

/// <summary>The processes of this machine, read from the host's <c>/proc</c>: to see whether a step's process still runs.</summary>
public static class HostProcesses
{
    /// <summary>True while a process runs whose command line is <paramref name="argv"/> (the program by name or path).</summary>
    public static bool Running(params string[] argv) => Find(argv) is not null;

    /// <summary>The pid of a live process whose command line is <paramref name="argv"/> (the program by name or path), or null.</summary>
    public static int? Find(params string[] argv)
    {
        var wanted = string.Join('\0', argv[1..]);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).TrimEnd('\0');
                var program = cmdline.Split('\0')[0];
                if (Path.GetFileName(program) == argv[0] && cmdline[program.Length..].TrimStart('\0') == wanted && Stat(pid) is { State: not 'Z' })
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="pid"/>'s parent, or its parent's, and so on.</summary>
    public static bool IsDescendant(int pid, int ancestor)
    {
        for (var current = pid; current > 1 && Stat(current) is { } stat; current = stat.Parent)
        {
            if (stat.Parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
