using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Durango.Testing;

namespace Durango.Core.Tests.Architecture;

/// <summary>The src projects as they are: each one's project references (from its csproj) and its built assembly.</summary>
internal static class ProjectGraph
{
    /// <summary>Every project under src, by name, with the projects its csproj references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProjectReferences() =>
        Projects().ToDictionary(p => p.Name, p => (IReadOnlyList<string>)Csproj(p.Path)
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList(), StringComparer.Ordinal);

    /// <summary>
    /// The Durango assemblies that each src project's built assembly references, for the projects built in the
    /// configuration these tests run in (a project not built here is left out).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AssemblyReferences()
    {
        var tfm = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var names = Projects().ToDictionary(p => AssemblyName(p.Path, p.Name), p => p.Name, StringComparer.Ordinal);
        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (assembly, project) in names)
        {
            var file = Repository.PathOf("src", project, "bin", configuration, tfm, assembly + ".dll");
            if (!File.Exists(file))
            {
                continue;
            }

            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            found[project] = metadata.AssemblyReferences
                .Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))
                .Where(names.ContainsKey)
                .Select(n => names[n])
                .ToList();
        }

        return found;
    }

    private static IEnumerable<(string Name, string Path)> Projects() =>
        Directory.GetDirectories(Repository.PathOf("src"))
            .Select(d => (Name: System.IO.Path.GetFileName(d), Path: System.IO.Path.Combine(d, System.IO.Path.GetFileName(d) + ".csproj")))
            .Where(p => File.Exists(p.Path));

    private static XDocument Csproj(string path) => XDocument.Load(path);

    private static string AssemblyName(string csproj, string project) =>
        Csproj(csproj).Descendants("AssemblyName").FirstOrDefault()?.Value ?? project;
}
