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
/// <para>
/// A step that makes no file paid a <c>mkdir</c> and an <c>rmdir</c> of its own folder before, about 0.26 ms of a
/// sequential step's 5-6 ms on this machine's ext4, the <c>rmdir</c> 0.2 ms of it (issue 12).
/// </para>
/// <para>
/// The folders live under <c>{root}/steps/{process}-{random}</c>, one home per runtime, made when the first step
/// runs and deleted when the runtime is disposed. Beside each home is its claim, <c>{home}.lock</c>, which the runtime
/// holds locked (<c>flock</c> on Unix) for its lifetime. A host killed with -9 cannot delete its home, but the kernel
/// lets go of its claim; so the first step of every runtime deletes each home whose claim it can take. Hosts that share
/// one work directory see each other's claims however their processes are namespaced, where process ids would lie.
/// Homes without a claim (left by a build before claims) are left alone.
/// </para>
/// </remarks>
internal sealed class StepFolders : IDisposable
{
    private const string ClaimSuffix = ".lock";

    private readonly string _steps;
    private readonly Func<bool> _reuse;
    private readonly Lock _gate = new();
    private Home? _home;
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
        _steps = Path.Combine(root, "steps");
        _reuse = reuse;
    }

    /// <summary>An empty folder for one step, its own until it is given back with <see cref="Return"/>.</summary>
    public string Take()
    {
        if (_free.TryTake(out var folder))
        {
            return folder;
        }

        var made = Directory.CreateDirectory(Path.Combine(HomePath(), Interlocked.Increment(ref _made).ToString(CultureInfo.InvariantCulture)));
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
        lock (_gate)
        {
            _home?.Dispose();
            _home = null;
        }
    }

    /// <summary>The runtime's home, claimed by the first step (a failure is not kept: the next step tries again).</summary>
    private string HomePath()
    {
        if (Volatile.Read(ref _home) is { } home)
        {
            return home.Path;
        }

        lock (_gate)
        {
            _home ??= Home.Claim(_steps);
            return _home.Path;
        }
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

    /// <summary>A runtime's home folder and the claim it holds on it.</summary>
    private sealed class Home(string path, FileStream claim) : IDisposable
    {
        public string Path { get; } = path;

        /// <summary>Claims a new home under <paramref name="steps"/>, then deletes the homes of runtimes that are gone.</summary>
        public static Home Claim(string steps)
        {
            Directory.CreateDirectory(steps);
            for (var attempt = 1; ; attempt++)
            {
                var path = System.IO.Path.Combine(steps, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}"[..24]);
                // The claim comes before the folder, so a home being made is never without one. A sweep that takes the
                // claim between its creation and its lock makes this open fail: another name is tried, a few times.
                var claim = attempt < 4 ? TryTake(path + ClaimSuffix, FileMode.CreateNew) : Take(path + ClaimSuffix, FileMode.CreateNew);
                if (claim is not null)
                {
                    if (Locks(claim.Name))
                    {
                        Sweep(steps, except: path);
                    }

                    Directory.CreateDirectory(path);
                    return new Home(path, claim);
                }
            }
        }

        public void Dispose()
        {
            ChildProcesses.TryDelete(Path);
            Release(claim);
        }

        /// <summary>Deletes every home under <paramref name="steps"/> whose claim nobody holds.</summary>
        private static void Sweep(string steps, string except)
        {
            foreach (var file in Directory.EnumerateFiles(steps, "*" + ClaimSuffix))
            {
                var home = file[..^ClaimSuffix.Length];
                if (home == except || TryTake(file, FileMode.Open) is not { } claim)
                {
                    continue;
                }

                ChildProcesses.TryDelete(home);
                if (Directory.Exists(home))
                {
                    claim.Dispose();
                }
                else
                {
                    Release(claim);
                }
            }
        }

        /// <summary>Lets go of <paramref name="claim"/> and deletes its file (left for a later sweep if it cannot be).</summary>
        private static void Release(FileStream claim)
        {
            claim.Dispose();
            try
            {
                File.Delete(claim.Name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another sweep holds it (Windows); it deletes it.
            }
        }

        /// <summary>
        /// True when a second open of a claim already held fails, as it does where .NET locks files opened without
        /// sharing (<c>flock</c> on Unix), unless <c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c> turned that off: then no
        /// claim can be trusted and nothing is swept.
        /// </summary>
        private static bool Locks(string held)
        {
            if (TryTake(held, FileMode.Open) is { } again)
            {
                again.Dispose();
                return false;
            }

            return true;
        }

        /// <summary>The claim file <paramref name="path"/>, opened and locked; null when another holds it or it is gone.</summary>
        private static FileStream? TryTake(string path, FileMode mode)
        {
            try
            {
                return Take(path, mode);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        private static FileStream Take(string path, FileMode mode) => new(path, mode, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
    }
}
