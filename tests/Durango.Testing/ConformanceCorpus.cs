namespace Durango.Testing;

/// <summary>Finds the conformance corpus: <c>tests/conformance</c> in the repository, or <c>DURANGO_CONFORMANCE_DIR</c>.</summary>
public static class ConformanceCorpus
{
    public static string Directory { get; } = Find();

    public static string Seed(string file) => Path.Combine(Directory, "seed", file);

    public static string ArgoE2E(string file) => Path.Combine(Directory, "argo-e2e", file);

    public static string ArgoExamples => Path.Combine(Directory, "argo-examples");

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DURANGO_CONFORMANCE_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }

        var candidate = Repository.PathOf("tests", "conformance");
        if (System.IO.Directory.Exists(candidate))
        {
            return candidate;
        }

        throw new InvalidOperationException("tests/conformance not found in the repository; set DURANGO_CONFORMANCE_DIR");
    }
}
