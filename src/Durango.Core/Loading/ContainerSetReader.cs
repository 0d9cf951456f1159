using Durango.Core.Spec;

namespace Durango.Core.Loading;

/// <summary>Reads a <c>containerSet</c>: its containers (with <c>name</c> and <c>dependencies</c>), <c>volumeMounts</c> and <c>retryStrategy</c>.</summary>
internal static class ContainerSetReader
{
    private static readonly FieldPolicy Member = FieldPolicy.Container with
    {
        Ignored = new Dictionary<string, string>(),
    };

    public static ContainerSetBody Read(MapReader? reader)
    {
        if (reader is null)
        {
            return new ContainerSetBody([]);
        }

        var containers = reader.List("containers", (node, path) =>
        {
            var member = reader.Context.Map(node, path, Member);
            if (member is null)
            {
                return null;
            }

            var name = member.RequiredString("name", "name the container; dependencies and the 'main' container refer to it");
            var dependencies = member.StringList("dependencies");
            var (container, _) = BodyReader.ReadContainer(member, hasSource: false);
            return new ContainerSetMember(name, container, dependencies);
        });
        var mounts = reader.List("volumeMounts", (node, path) => ReadMount(reader.Context, node, path));
        ContainerSetRetry? retry = null;
        if (reader.Map("retryStrategy", FieldPolicy.Strict) is { } retryReader)
        {
            retry = new ContainerSetRetry(retryReader.IntOrString("retries"), retryReader.String("duration"));
            retryReader.Finish();
        }

        reader.Finish();
        return new ContainerSetBody(containers) { VolumeMounts = mounts, Retry = retry };
    }

    private static VolumeMount? ReadMount(LoadContext context, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        var reader = context.Map(node, path, new FieldPolicy(
            new HashSet<string>(["readOnly", "subPath", "subPathExpr", "mountPropagation", "recursiveReadOnly"], StringComparer.Ordinal),
            new Dictionary<string, string>(),
            new Dictionary<string, string>()));
        if (reader is null)
        {
            return null;
        }

        var mount = new VolumeMount(
            reader.RequiredString("name", "name the volume to mount"),
            reader.RequiredString("mountPath", "give the path the volume appears at, e.g. /workspace"));
        reader.Finish();
        return mount;
    }
}
