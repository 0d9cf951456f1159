using Durango.Testing;

namespace Durango.Storage.Tests;

/// <summary>The tests that share the assembly's Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
