using System.Collections.Concurrent;
using System.Globalization;

namespace Durango.Engine.Executors;

/// <summary>
/// The process runtime's working folders. A step gets an empty folder that no other running step has; when it ends,
/// a folder it left as it found it (empty, still a folder of its own with its mode) is kept for a later step, and any
/// other is deleted. Folders are only kept where a step's processes all end with it (its own PID namespace: see
/// <see cref="PidNamespace"/>), so that nothing it left running can write into a later step's folder.
/// </summary>
/// <remarks>
/// A step that makes no file paid a <c>mkdir</c> and an <c>rmdir</c> of its own folder before, about 0.26 ms of a
/// sequential step's 5-6 ms on this machine's ext4, the <c>rmdir</c> 0.2 ms of it (issue 12). The folders live under
/// <c>{root}/steps/{process}-{random}</c>, one home per runtime, deleted when the runtime is disposed.
/// </remarks>
internal sealed class StepFolders : IDisposable
{
    private readonly string _home;
    private readonly Func<bool> _reuse;
    private readonly ConcurrentBag<string> _free = [];
    private int _made;

    // The mode the folders are made with (the umask's): a folder whose mode a step changed is not given to the next.
    private int _mode = -1;

    /// <summary>
    /// Folders under <paramref name="root"/>; while <paramref name="reuse"/> says no (asked when a step ends: whether
    /// its processes ended with it), every step gets a new one.
    /// </summary>
    public StepFolders(string root, Func<bool> reuse)
    {
        _home = Path.Combine(root, "steps", $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}"[..24]);
        _reuse = reuse;
    }

    /// <summary>An empty folder for one step, its own until it is given back with <see cref="Return"/>.</summary>
    public string Take()
    {
        if (_free.TryTake(out var folder))
        {
            return folder;
        }

        var made = Directory.CreateDirectory(Path.Combine(_home, Interlocked.Increment(ref _made).ToString(CultureInfo.InvariantCulture)));
        if (!OperatingSystem.IsWindows())
        {
            Interlocked.CompareExchange(ref _mode, (int)made.UnixFileMode, -1);
        }

        return made.FullName;
    }

    /// <summary>Gives back <paramref name="folder"/> once its step and every process of it have ended.</summary>
    public void Return(string folder)
    {
        if (_reuse() && AsMade(folder))
        {
            _free.Add(folder);
            return;
        }

        ChildProcesses.TryDelete(folder);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _free.Clear();
        ChildProcesses.TryDelete(_home);
    }

    /// <summary>True when <paramref name="folder"/> is still the empty folder <see cref="Take"/> made (not a link put in its place: one <c>lstat</c>).</summary>
    private bool AsMade(string folder)
    {
        try
        {
            var info = new DirectoryInfo(folder);
            return info.Exists && (info.Attributes & FileAttributes.ReparsePoint) == 0
                && !OperatingSystem.IsWindows() && (int)info.UnixFileMode == Volatile.Read(ref _mode)
                && !info.EnumerateFileSystemInfos().Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
