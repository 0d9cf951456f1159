namespace Durango.Testing.StandIns;

/// <summary>
/// The docker CLI stand-in (<c>docker-standin.sh</c>) in a folder of its own: its path goes into
/// <c>Durango:DockerCommand</c>; every call it gets is in <see cref="Calls"/>.
/// </summary>
public sealed class DockerStandIn : IDisposable
{
    private readonly string _directory = Path.Combine("/var/tmp", "durango-docker-standin", Guid.NewGuid().ToString("N"));

    /// <summary>Copies the stand-in into a fresh folder.</summary>
    public DockerStandIn()
    {
        Directory.CreateDirectory(_directory);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "StandIns", "docker-standin.sh"), Command);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Command, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The stand-in's path.</summary>
    public string Command => Path.Combine(_directory, "docker");

    /// <summary>The command lines it was called with, in order.</summary>
    public IReadOnlyList<string> Calls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile) : [];

    /// <summary>Names of the containers that exist now.</summary>
    public IReadOnlyList<string> Containers => Directory.Exists(Path.Combine(_directory, "containers"))
        ? Directory.GetDirectories(Path.Combine(_directory, "containers")).Select(Path.GetFileName).OfType<string>().ToList()
        : [];

    private string CallsFile => Path.Combine(_directory, "calls.log");

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A container process may still hold a file.
        }
    }
}
