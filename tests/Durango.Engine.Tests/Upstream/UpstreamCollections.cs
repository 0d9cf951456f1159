using Durango.Testing;

namespace Durango.Engine.Tests.Upstream;

/// <summary>
/// The ports of upstream's controller unit tests (<c>Controller*Tests</c>) share one engine of their own. Each
/// collection's tests run one after another, and the collections run beside each other: most of a test's time is
/// waiting for its steps, so three engines finish in about a third of the time of one.
/// </summary>
[CollectionDefinition(Name)]
public sealed class UpstreamControllerCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "upstream-controller";
}

/// <summary>The ports of upstream's e2e suites (functional, artifacts, hooks, signals, daemons, ...) share one engine of their own.</summary>
[CollectionDefinition(Name)]
public sealed class UpstreamSuiteCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "upstream-suite";
}
