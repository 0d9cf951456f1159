using System.Runtime.InteropServices;

namespace Durango.Engine.Executors.Spawning;

/// <summary>
/// The few glibc calls the step spawner needs: <c>posix_spawn</c> (a vfork-style start with no managed code in the
/// child), pipes, <c>waitpid</c> and <c>kill</c>. Linux with glibc 2.29 or later (<c>addchdir_np</c>).
/// </summary>
internal static class LibC
{
    /// <summary><c>POSIX_SPAWN_SETSIGDEF</c>: signals in the default set get their default action in the child.</summary>
    public const short SpawnSetSigDefault = 0x04;

    /// <summary><c>POSIX_SPAWN_SETSIGMASK</c>: the child starts with the given signal mask.</summary>
    public const short SpawnSetSigMask = 0x08;

    /// <summary><c>POSIX_SPAWN_SETSID</c> (glibc): the child leads a new session and process group, as <c>setsid</c> would.</summary>
    public const short SpawnSetSid = 0x80;

    /// <summary><c>O_CLOEXEC</c>: a pipe end no other child inherits.</summary>
    public const int CloseOnExec = 0x80000;

    /// <summary><c>O_RDONLY</c>.</summary>
    public const int ReadOnly = 0;

    /// <summary><c>WNOHANG</c>.</summary>
    public const int NoHang = 1;

    /// <summary><c>SIGKILL</c>.</summary>
    public const int SigKill = 9;

    /// <summary><c>EINTR</c>.</summary>
    public const int Interrupted = 4;

    /// <summary><c>ESRCH</c>: no such process (or group).</summary>
    public const int NoSuchProcess = 3;

    /// <summary>Bytes reserved for an opaque <c>posix_spawnattr_t</c> or <c>posix_spawn_file_actions_t</c> (336 and 80 on x86-64 and arm64).</summary>
    public const int OpaqueSize = 1024;

    /// <summary>Bytes of a <c>sigset_t</c>.</summary>
    public const int SigSetSize = 128;

    private const string Library = "libc.so.6";

    /// <summary><paramref name="text"/> as the NUL-terminated UTF-8 a C string argument is.</summary>
    public static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text + "\0");

    [DllImport(Library, EntryPoint = "posix_spawn")]
    public static extern int Spawn(out int pid, byte[] path, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [DllImport(Library, EntryPoint = "posix_spawn_file_actions_init")]
    public static extern int FileActionsInit(IntPtr actions);

    [DllImport(Library, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static extern int FileActionsDestroy(IntPtr actions);

    [DllImport(Library, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static extern int FileActionsAddDup2(IntPtr actions, int fd, int newFd);

    [DllImport(Library, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static extern int FileActionsAddOpen(IntPtr actions, int fd, byte[] path, int flags, int mode);

    [DllImport(Library, EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    public static extern int FileActionsAddChdir(IntPtr actions, byte[] path);

    [DllImport(Library, EntryPoint = "posix_spawnattr_init")]
    public static extern int AttributesInit(IntPtr attributes);

    [DllImport(Library, EntryPoint = "posix_spawnattr_destroy")]
    public static extern int AttributesDestroy(IntPtr attributes);

    [DllImport(Library, EntryPoint = "posix_spawnattr_setflags")]
    public static extern int AttributesSetFlags(IntPtr attributes, short flags);

    [DllImport(Library, EntryPoint = "posix_spawnattr_setsigmask")]
    public static extern int AttributesSetSigMask(IntPtr attributes, IntPtr mask);

    [DllImport(Library, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static extern int AttributesSetSigDefault(IntPtr attributes, IntPtr signals);

    [DllImport(Library, EntryPoint = "sigemptyset")]
    public static extern int SigEmptySet(IntPtr set);

    [DllImport(Library, EntryPoint = "sigfillset")]
    public static extern int SigFillSet(IntPtr set);

    [DllImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    public static extern int Pipe(int[] fds, int flags);

    [DllImport(Library, EntryPoint = "close")]
    public static extern int Close(int fd);

    [DllImport(Library, EntryPoint = "waitpid", SetLastError = true)]
    public static extern int WaitPid(int pid, out int status, int options);

    [DllImport(Library, EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}
