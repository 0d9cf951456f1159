using Durango.Testing;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>All orchestration tests share one engine on the embedded backend.</summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
