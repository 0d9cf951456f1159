using System.Formats.Tar;
using System.IO.Compression;

namespace Durango.Engine.Artifacts;

/// <summary>
/// Argo's artifact archive: a gzipped tar whose one top entry is the file or directory by its base name, as
/// <c>tar -czf - -C parent name</c> makes it; unpacking puts that entry (or a <c>subPath</c> in it) at the path the
/// input declares. Streams both ways: nothing is held whole in memory.
/// </summary>
public static class ArtifactArchives
{
    /// <summary>Writes <paramref name="path"/> (a file or a directory) to <paramref name="destination"/> as a gzipped tar.</summary>
    public static async Task PackAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var trimmed = path.TrimEnd('/');
            if (Directory.Exists(trimmed))
            {
                await TarFile.CreateFromDirectoryAsync(trimmed, gzip, includeBaseDirectory: true, cancellationToken).ConfigureAwait(false);
                return;
            }

            var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            await using (tar.ConfigureAwait(false))
            {
                await tar.WriteEntryAsync(trimmed, Path.GetFileName(trimmed), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when <paramref name="file"/> starts as a gzip stream does.</summary>
    public static bool IsGzip(string file)
    {
        using var stream = File.OpenRead(file);
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>
    /// Unpacks the gzipped tar <paramref name="archive"/> and moves its one top entry (or <paramref name="subPath"/>
    /// inside it) to <paramref name="destination"/>. False when the file is not a tar at all (a plain <c>.gz</c>).
    /// </summary>
    public static async Task<bool> UnpackAsync(string archive, string destination, string? subPath, CancellationToken cancellationToken)
    {
        var scratch = destination.TrimEnd('/') + ".durango-unpack";
        Directory.CreateDirectory(scratch);
        try
        {
            var source = File.OpenRead(archive);
            await using (source.ConfigureAwait(false))
            {
                var gzip = new GZipStream(source, CompressionMode.Decompress);
                await using (gzip.ConfigureAwait(false))
                {
                    await TarFile.ExtractToDirectoryAsync(gzip, scratch, overwriteFiles: true, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            Directory.Delete(scratch, recursive: true);
            return false;
        }

        var entries = Directory.EnumerateFileSystemEntries(scratch).ToList();
        var root = entries.Count == 1 ? entries[0] : scratch;
        var chosen = subPath is null ? root : Path.Combine(root, subPath);
        if (!File.Exists(chosen) && !Directory.Exists(chosen))
        {
            Directory.Delete(scratch, recursive: true);
            throw new ArtifactException($"subPath '{subPath}' is not in the artifact");
        }

        Move(chosen, destination);
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        return true;
    }

    /// <summary>Moves a file or directory to <paramref name="destination"/>, replacing what is there.</summary>
    public static void Move(string source, string destination)
    {
        destination = destination.TrimEnd('/');
        if (Path.GetDirectoryName(destination) is { Length: > 0 } parent)
        {
            Directory.CreateDirectory(parent);
        }

        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        if (Directory.Exists(source))
        {
            Directory.Move(source, destination);
        }
        else
        {
            File.Move(source, destination, overwrite: true);
        }
    }
}

/// <summary>An artifact that cannot be loaded or saved: the node errors with this message (never a secret).</summary>
public sealed class ArtifactException(string message, Exception? inner = null) : Exception(message, inner);
