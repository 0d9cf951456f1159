using Durango.Core.Diagnostics;
using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>
/// Reads <c>synchronization</c> (workflow or template): the v3.6 lists <c>mutexes</c> and <c>semaphores</c> and the
/// older singular <c>mutex</c> and <c>semaphore</c>. The <c>database</c> forms (Argo v3.7's SQL-backed locks) are an
/// error: Durango keeps locks in its durable backend, which already holds across hosts.
/// </summary>
internal static class SynchronizationReader
{
    private const string DatabaseHint =
        "not supported: database-backed locks (Argo's synchronization database); Durango's locks already hold across hosts in its durable backend";

    public static Synchronization? Read(MapReader? reader)
    {
        if (reader is null)
        {
            return null;
        }

        var mutexes = reader.List("mutexes", (node, path) => ReadMutex(reader.Context, node, path)).ToList();
        var semaphores = reader.List("semaphores", (node, path) => ReadSemaphore(reader.Context, node, path)).ToList();
        if (reader.Node("mutex") is { } mutex && ReadMutex(reader.Context, mutex, reader.FieldPath("mutex")) is { } single)
        {
            mutexes.Add(single);
        }

        if (reader.Node("semaphore") is { } semaphore && ReadSemaphore(reader.Context, semaphore, reader.FieldPath("semaphore")) is { } one)
        {
            semaphores.Add(one);
        }

        reader.Finish();
        if (!reader.Keys.Any(k => k is "mutexes" or "semaphores" or "mutex" or "semaphore"))
        {
            reader.Context.Error(DiagnosticCodes.Required, reader.Path,
                "synchronization needs at least one of 'mutexes' (a list of {name}) or 'semaphores' (a list of {configMapKeyRef: {name, key}})");
        }

        return new Synchronization { Mutexes = mutexes, Semaphores = semaphores };
    }

    private static MutexRef? ReadMutex(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        var database = reader.Bool("database") ?? false;
        if (database)
        {
            context.Report(Severity.Error, DiagnosticCodes.NotSupported, reader.FieldPath("database"),
                $"{DatabaseHint}: remove 'database: true' to use a Durango mutex of the same name", reader.KeyNode("database"));
        }

        var mutex = new MutexRef(reader.RequiredString("name", "name the mutex; every node or workflow naming it runs one at a time"), reader.String("namespace"));
        reader.Finish();
        return database ? null : mutex;
    }

    private static SemaphoreRef? ReadSemaphore(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        var reader = context.Map(node, path, FieldPolicy.Strict);
        if (reader is null)
        {
            return null;
        }

        if (reader.Node("database") is not null)
        {
            context.Report(Severity.Error, DiagnosticCodes.NotSupported, reader.FieldPath("database"),
                $"{DatabaseHint}: use configMapKeyRef {{name, key}} and set the limit in configuration (ConfigMaps:<name>:<key>)", reader.KeyNode("database"));
        }

        var configMap = ReadConfigMapKeyRef(reader.Map("configMapKeyRef", FieldPolicy.Strict), "semaphore's limit");
        var @namespace = reader.String("namespace");
        if (configMap is null && reader.Node("database") is null)
        {
            context.Error(DiagnosticCodes.Required, reader.FieldPath("configMapKeyRef"),
                "'configMapKeyRef' is required: name the ConfigMap key that holds the semaphore's limit (ConfigMaps:<name>:<key> in configuration)");
        }

        reader.Finish();
        return configMap is null ? null : new SemaphoreRef(configMap, @namespace);
    }

    /// <summary>Reads a <c>configMapKeyRef</c> (<c>name</c>, <c>key</c>, <c>optional</c>).</summary>
    public static ConfigMapKeyRef? ReadConfigMapKeyRef(MapReader? reader, string what)
    {
        if (reader is null)
        {
            return null;
        }

        var name = reader.RequiredString("name", $"name the ConfigMap that holds the {what}");
        var key = reader.RequiredString("key", "name the key in the ConfigMap");
        var optional = reader.Bool("optional") ?? false;
        reader.Finish();
        return new ConfigMapKeyRef(name, key, optional);
    }
}
