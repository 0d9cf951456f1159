using System.Globalization;
using Durango.Core.Diagnostics;
using Durango.Core.Spec;
using YamlDotNet.RepresentationModel;

namespace Durango.Core.Loading;

/// <summary>
/// Reads <c>artifacts</c> lists (inputs, outputs, arguments). Durango stores artifacts in Azure Blob Storage (Argo's
/// <c>azure</c> driver) or the embedded host's local repository, reads <c>raw</c> and <c>http</c> inputs, and reports
/// every other driver with what to use instead. A driver with only a <c>key</c> is Argo's key-only artifact: a key
/// in the default repository, whatever the driver's name.
/// </summary>
internal static class ArtifactReader
{
    private static readonly string[] OtherDrivers = ["git", "artifactory", "hdfs", "plugin", "huggingface"];
    private static readonly string[] KeyDrivers = ["s3", "gcs", "oss"];
    private static readonly string[] OtherAuth = ["oauth2", "clientCert"];

    public static IReadOnlyList<Artifact> ReadList(MapReader? reader) =>
        reader is null ? [] : reader.List("artifacts", (node, path) => Read(reader.Context, node, path));

    private static Artifact? Read(LoadContext context, YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var artifact = new Artifact
        {
            Name = reader.RequiredString("name", "name the artifact"),
            Path = reader.String("path"),
            From = reader.String("from"),
            FromExpression = reader.String("fromExpression"),
            Optional = reader.Bool("optional") ?? false,
            SubPath = reader.String("subPath"),
            Mode = Mode(reader),
            GlobalName = reader.String("globalName"),
            Archive = Archive(reader.Map("archive", FieldPolicy.Strict)),
            Azure = Azure(reader.Map("azure", FieldPolicy.Strict)) ?? KeyOnly(reader),
            Raw = Raw(reader.Map("raw", FieldPolicy.Strict)),
            Http = Http(reader.Map("http", FieldPolicy.Strict)),
        };
        reader.Bool("recurseMode");
        reader.Bool("archiveLogs");
        reader.Bool("deleted");
        foreach (var driver in OtherDrivers.Where(reader.Has))
        {
            NotSupported(reader, driver);
        }

        artifact = artifact with { ArtifactGC = ReadGC(reader.Map("artifactGC", FieldPolicy.Strict)) };

        var locations = new[] { artifact.Azure is not null, artifact.Raw is not null, artifact.Http is not null }.Count(b => b);
        if (locations > 1)
        {
            reader.Context.Error(DiagnosticCodes.WrongType, path, $"artifact '{artifact.Name}' has more than one location; keep one of azure, raw or http");
        }

        reader.Finish();
        return artifact;
    }

    /// <summary>
    /// A template's <c>archiveLocation</c>: <c>archiveLogs</c> saves the step's log as its <c>main-logs</c> artifact in
    /// the workflow's repository; a repository of its own there is not supported.
    /// </summary>
    public static ArchiveLocation? ReadArchiveLocation(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var archiveLogs = reader.Bool("archiveLogs");
        foreach (var driver in reader.Keys.Where(k => k != "archiveLogs").ToList())
        {
            reader.Node(driver);
            reader.Context.Error(DiagnosticCodes.NotSupported, reader.FieldPath(driver),
                $"not supported: a repository in archiveLocation ('{driver}'); name a configured repository with spec.artifactRepositoryRef, give each output artifact its own azure location, or use the default repository");
        }

        reader.Finish();
        return new ArchiveLocation(archiveLogs);
    }

    /// <summary>Reads <c>spec.artifactRepositoryRef</c> (<c>configMap</c>, <c>key</c>).</summary>
    public static ArtifactRepositoryRef? ReadRepositoryRef(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var reference = new ArtifactRepositoryRef(reader.String("configMap"), reader.String("key"));
        reader.Finish();
        return reference;
    }

    /// <summary>Reads <c>artifactGC</c> (the workflow's or an artifact's); its Kubernetes fields are accepted and ignored.</summary>
    public static ArtifactGC? ReadGC(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var strategy = reader.String("strategy");
        if (!string.IsNullOrEmpty(strategy) && !ArtifactGC.Strategies.Contains(strategy))
        {
            reader.Context.Error(DiagnosticCodes.BadValue, reader.FieldPath("strategy"),
                $"artifactGC strategy '{strategy}' is not one of {string.Join(", ", ArtifactGC.Strategies)}");
        }

        reader.Node("serviceAccountName");
        reader.Node("podMetadata");
        reader.Node("podSpecPatch");
        reader.Finish();
        return new ArtifactGC(strategy);
    }

    private static int? Mode(MapReader reader)
    {
        var text = reader.String("mode");
        if (text is null)
        {
            return null;
        }

        // YAML 1.1, which Argo reads, takes a leading 0 as octal: mode: 0755.
        var octal = text.Length > 1 && text[0] == '0';
        try
        {
            return octal ? Convert.ToInt32(text[1..], 8) : int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            reader.Context.Error(DiagnosticCodes.WrongType, reader.FieldPath("mode"), $"'mode' must be a file mode such as 0755, not '{text}'");
            return null;
        }
    }

    private static ArtifactArchive Archive(MapReader? reader)
    {
        if (reader is null)
        {
            return ArtifactArchive.Tgz;
        }

        var archive = reader.Has("none") ? ArtifactArchive.None : ArtifactArchive.Tgz;
        if (reader.Map("tar", FieldPolicy.Strict) is { } tar)
        {
            tar.Int("compressionLevel");
            tar.Finish();
        }

        if (reader.Has("zip"))
        {
            reader.Context.Error(DiagnosticCodes.NotSupported, reader.FieldPath("zip"),
                "not supported: 'zip' archives; use 'tar: {}' (the default) or 'none: {}'");
        }

        reader.Finish();
        return archive;
    }

    private static AzureArtifact? Azure(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        SecretKeyRef? key = null;
        if (reader.Map("accountKeySecret", FieldPolicy.Strict) is { } secret)
        {
            key = new SecretKeyRef(secret.RequiredString("name", "name the secret that holds the account key"),
                secret.RequiredString("key", "name the key in the secret"), secret.Bool("optional") ?? false);
            secret.Finish();
        }

        var azure = new AzureArtifact
        {
            Endpoint = reader.String("endpoint"),
            Container = reader.String("container"),
            Blob = reader.RequiredString("blob", "name the blob (or, alone, a key in the default repository)"),
            AccountKeySecret = key,
            UseSDKCreds = reader.Bool("useSDKCreds") ?? false,
        };
        if ((azure.Endpoint is null) != (azure.Container is null))
        {
            reader.Context.Error(DiagnosticCodes.Required, reader.Path,
                "an azure artifact needs both 'endpoint' and 'container', or only 'blob' for a key in the default repository");
        }

        reader.Finish();
        return azure;
    }

    /// <summary><c>s3: {key: ...}</c> (or gcs, oss): Argo's key-only artifact; with a bucket or endpoint, not supported.</summary>
    private static AzureArtifact? KeyOnly(MapReader reader)
    {
        foreach (var driver in KeyDrivers)
        {
            if (reader.Map(driver, FieldPolicy.Strict) is not { } location)
            {
                continue;
            }

            if (location.Keys.Any(k => k != "key"))
            {
                location.Keys.ToList().ForEach(k => location.Node(k));
                NotSupported(reader, driver);
                return null;
            }

            var key = location.RequiredString("key", "give the key in the default repository");
            location.Finish();
            return new AzureArtifact { Blob = key };
        }

        return null;
    }

    private static RawArtifact? Raw(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var raw = new RawArtifact(reader.String("data") ?? string.Empty);
        reader.Finish();
        return raw;
    }

    private static HttpArtifact? Http(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var http = new HttpArtifact
        {
            Url = reader.RequiredString("url", "give the URL to download"),
            Headers = reader.List("headers", (node, path) => Header(reader.Context, node, path)),
        };
        if (reader.Map("auth", FieldPolicy.Strict) is { } auth)
        {
            if (auth.Map("basicAuth", FieldPolicy.Strict) is { } basic)
            {
                http = http with { BasicUsername = Secret(basic, "usernameSecret"), BasicPassword = Secret(basic, "passwordSecret") };
                basic.Finish();
            }

            foreach (var other in OtherAuth.Where(auth.Has))
            {
                auth.Context.Error(DiagnosticCodes.NotSupported, auth.FieldPath(other),
                    $"not supported: '{other}' for http artifacts; use basicAuth or headers");
            }

            auth.Finish();
        }

        reader.Finish();
        return http;
    }

    private static HttpHeader? Header(LoadContext context, YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var header = new HttpHeader(reader.RequiredString("name", "name the header"), reader.String("value"), null);
        reader.Finish();
        return header;
    }

    private static SecretKeyRef? Secret(MapReader reader, string field)
    {
        if (reader.Map(field, FieldPolicy.Strict) is not { } secret)
        {
            return null;
        }

        var reference = new SecretKeyRef(secret.RequiredString("name", "name the secret"), secret.RequiredString("key", "name the key in the secret"));
        secret.Finish();
        return reference;
    }

    private static void NotSupported(MapReader reader, string driver)
    {
        reader.Node(driver);
        reader.Context.Error(DiagnosticCodes.NotSupported, reader.FieldPath(driver),
            $"not supported: '{driver}' artifacts; use azure (Azure Blob Storage: endpoint, container, blob), raw or http, or only a key for the default repository");
    }
}
