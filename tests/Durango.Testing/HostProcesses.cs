namespace Durango.Testing;

/// <summary>The processes of this machine, read from the host's <c>/proc</c>: to see whether a step's process still runs.</summary>
public static class HostProcesses
{
    /// <summary>True while a process runs whose command line is <paramref name="argv"/> (the program by name or path).</summary>
    public static bool Running(params string[] argv)
    {
        var wanted = string.Join('\0', argv[1..]);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).TrimEnd('\0');
                var program = cmdline.Split('\0')[0];
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                if (Path.GetFileName(program) == argv[0] && cmdline[program.Length..].TrimStart('\0') == wanted
                    && !state.Contains(") Z ", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return false;
    }
}
