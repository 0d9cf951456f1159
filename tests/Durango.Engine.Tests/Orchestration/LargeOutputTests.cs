using Durango.Testing;
using Durango.Testing.Scenarios;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>Large outputs on the in-memory backend (the Azure Storage tests run the same scenario).</summary>
[Collection(EngineCollection.Name)]
public sealed class LargeOutputTests(EngineFixture fixture)
{
    [Fact]
    public async Task LargeOutputs_GoByReference_AndReachTagsExpressionsWhenWithParamAndRawArtifacts() => await LargeOutputScenario.RunAsync(fixture.Engine);
}
