using Durango.Core.Spec;
using Durango.Engine.Executors;
using Durango.Engine.Semantics;

namespace Durango.Engine.Artifacts;

/// <summary>
/// One step's artifacts: loads each input (raw, http, or from a repository: an object, a gzipped tar unpacked, or a
/// directory of objects) at the host path its container path maps to, and after the step stores each output (a
/// gzipped tar, or with <c>archive: none</c> the file, or one object per file of a directory; an <c>http</c> output is
/// sent there with a PUT). Everything streams
/// through files; nothing is held whole in memory. Outputs without a location and key-only artifacts are in the
/// workflow's repository (<paramref name="repository"/>: its <c>artifactRepositoryRef</c>, else the default one),
/// resolved when first needed so that a repository that is not configured errors the step, not the host.
/// </summary>
public sealed partial class StepArtifacts(
    ArtifactLocations locations, IHttpClientFactory http, string workflow, string podName, Template template, Func<ArtifactRepository>? repository = null)
    : IArtifactExchange
{
    private readonly Lazy<ArtifactRepository> _repository = new(repository ?? (() => new ArtifactRepository(ArtifactRepositoryRules.DefaultLocation, false)));
    private readonly List<Artifact> _stored = [];
    private readonly List<string> _missing = [];

    /// <inheritdoc/>
    public IReadOnlyList<string> Paths { get; } = template.Inputs.Artifacts.Concat(template.Outputs.Artifacts)
        .Select(a => a.Path).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The outputs stored, with where (Argo's <c>outputs.artifacts</c>).</summary>
    public IReadOnlyList<Artifact> Stored => _stored;

    /// <summary>Why required outputs are missing (not produced by the step).</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <inheritdoc/>
    public async Task PlaceInputsAsync(Func<string, string> hostPath, CancellationToken cancellationToken)
    {
        foreach (var input in template.Inputs.Artifacts.Where(a => a.Path is not null))
        {
            try
            {
                await LoadAsync(input, hostPath(input.Path!), cancellationToken).ConfigureAwait(false);
            }
            catch (ArtifactException e)
            {
                throw new ArtifactException($"failed to load input artifact '{input.Name}': {e.Message}", e);
            }
        }
    }

    /// <inheritdoc/>
    public async Task CollectOutputsAsync(Func<string, string> hostPath, CancellationToken cancellationToken)
    {
        foreach (var output in template.Outputs.Artifacts.Where(a => a.Path is not null))
        {
            var source = hostPath(output.Path!).TrimEnd('/');
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                if (!output.Optional)
                {
                    _missing.Add($"output artifact '{output.Name}': {output.Path} was not produced");
                }

                continue;
            }

            if (output.Http is { } web)
            {
                await UploadAsync(source, output.Archive, web, cancellationToken).ConfigureAwait(false);
                _stored.Add(output with { From = null, FromExpression = null, SubPath = null });
                continue;
            }

            var destination = ArtifactRepositoryRules.Destination(output, _repository.Value.Location, StepKey(_repository.Value, workflow, podName));
            var (repository, key) = locations.Locate(destination.Azure!);
            await SaveAsync(source, destination.Archive, repository, key, cancellationToken).ConfigureAwait(false);
            _stored.Add(destination with { From = null, FromExpression = null, SubPath = null });
        }
    }

    /// <summary>The key a step's files go under in <paramref name="repository"/>, or an error naming the format.</summary>
    internal static string StepKey(ArtifactRepository repository, string workflow, string podName) =>
        ArtifactRepositoryRules.Key(repository.Location.Blob, workflow, podName)
        ?? throw new ArtifactException($"the artifact repository's key format '{repository.Location.Blob}' names a variable Durango does not fill; use workflow.name and pod.name");

    private static async Task SaveAsync(string source, ArtifactArchive archive, IArtifactRepository repository, string key, CancellationToken cancellationToken)
    {
        if (archive == ArtifactArchive.Tgz)
        {
            var stream = await repository.OpenWriteAsync(key, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await ArtifactArchives.PackAsync(source, stream, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var files = File.Exists(source)
            ? [(source, key)]
            : Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => (f, key.TrimEnd('/') + "/" + Path.GetRelativePath(source, f).Replace(Path.DirectorySeparatorChar, '/'))).ToList();
        foreach (var (file, objectKey) in files)
        {
            var input = File.OpenRead(file);
            await using (input.ConfigureAwait(false))
            {
                var output = await repository.OpenWriteAsync(objectKey, cancellationToken).ConfigureAwait(false);
                await using (output.ConfigureAwait(false))
                {
                    await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task LoadAsync(Artifact input, string target, CancellationToken cancellationToken)
    {
        target = target.TrimEnd('/');
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (input.Raw is { } raw)
        {
            await File.WriteAllTextAsync(target, raw.Data, cancellationToken).ConfigureAwait(false);
            SetMode(target, input.Mode);
            return;
        }

        var download = target + ".durango-download";
        try
        {
            if (input.Http is { } web)
            {
                // As upstream's http driver: a 404 is "not found", which an optional input may be.
                if (!await DownloadAsync(web, download, cancellationToken).ConfigureAwait(false))
                {
                    if (input.Optional)
                    {
                        return;
                    }

                    throw new ArtifactException($"GET {web.Url} answered 404 Not Found");
                }
            }
            else if (input.Azure is { } azure)
            {
                var (repository, key) = locations.Locate(ArtifactRepositoryRules.Relocate(azure, _repository.Value.Location));
                var subPath = input.SubPath is { } sub && input.Archive == ArtifactArchive.None ? sub : null;
                key = subPath is null ? key : key.TrimEnd('/') + "/" + subPath.TrimStart('/');
                if (!await CopyObjectAsync(repository, key, download, cancellationToken).ConfigureAwait(false))
                {
                    if (!await CopyDirectoryAsync(repository, key, target, cancellationToken).ConfigureAwait(false))
                    {
                        if (input.Optional)
                        {
                            return;
                        }

                        throw new ArtifactException($"'{key}' is not in {repository.Description}");
                    }

                    SetMode(target, input.Mode);
                    return;
                }

                if (subPath is not null)
                {
                    ArtifactArchives.Move(download, target);
                    SetMode(target, input.Mode);
                    return;
                }
            }
            else if (input.Optional)
            {
                // As upstream's executor: an optional input that was not supplied is skipped.
                return;
            }
            else
            {
                throw new ArtifactException("it has no location (from, raw, http or azure)");
            }

            // As Argo's executor: a gzipped tar is unpacked at the path, anything else is the file itself.
            var subPathInArchive = input.Archive == ArtifactArchive.Tgz ? input.SubPath : null;
            if (!ArtifactArchives.IsGzip(download) || !await ArtifactArchives.UnpackAsync(download, target, subPathInArchive, cancellationToken).ConfigureAwait(false))
            {
                ArtifactArchives.Move(download, target);
            }

            SetMode(target, input.Mode);
        }
        finally
        {
            if (File.Exists(download))
            {
                File.Delete(download);
            }
        }
    }

    private static async Task<bool> CopyObjectAsync(IArtifactRepository repository, string key, string file, CancellationToken cancellationToken)
    {
        var source = await repository.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        if (source is null)
        {
            return false;
        }

        await using (source.ConfigureAwait(false))
        {
            var output = File.Create(file);
            await using (output.ConfigureAwait(false))
            {
                await source.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    /// <summary>A key with objects under it is a directory (Argo's key-only directories): each object becomes a file.</summary>
    private static async Task<bool> CopyDirectoryAsync(IArtifactRepository repository, string key, string target, CancellationToken cancellationToken)
    {
        var prefix = key.TrimEnd('/') + "/";
        var any = false;
        await foreach (var objectKey in repository.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var relative = objectKey[prefix.Length..];
            var file = Path.GetFullPath(Path.Combine(target, relative));
            if (!file.StartsWith(Path.GetFullPath(target) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            any |= await CopyObjectAsync(repository, objectKey, file, cancellationToken).ConfigureAwait(false);
        }

        return any;
    }

    /// <summary>Downloads <paramref name="web"/> to <paramref name="file"/>; false when the server answers 404.</summary>
    private async Task<bool> DownloadAsync(HttpArtifact web, string file, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, web);

        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(HttpTemplateExecutor.ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ArtifactException($"GET {web.Url} failed: {e.Message}", e);
        }

        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return false;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ArtifactException($"GET {web.Url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var output = File.Create(file);
                await using (output.ConfigureAwait(false))
                {
                    await body.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return true;
    }

    private static void SetMode(string path, int? mode)
    {
        if (mode is { } bits && !OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, (UnixFileMode)bits);
        }
    }
}
