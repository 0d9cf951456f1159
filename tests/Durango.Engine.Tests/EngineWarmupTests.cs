using Microsoft.DurableTask.Converters;

namespace Durango.Engine.Tests;

/// <summary>
/// The warm-up readies the payloads the first workflow sends (issue 12, start): its samples must be payloads the
/// converter carries there and back unchanged, or it would warm code no workflow runs, or fail where none would.
/// </summary>
public sealed class EngineWarmupTests
{
    [Fact]
    public void EverySample_RoundTripsThroughTheConverter_Unchanged()
    {
        var converter = JsonDataConverter.Default;
        var samples = EngineWarmup.Samples(new DateTimeOffset(2026, 12, 2, 19, 0, 0, TimeSpan.Zero)).ToList();

        Assert.Equal(samples.Count, samples.Select(s => s.Type).Distinct().Count());
        foreach (var (payload, type) in samples)
        {
            Assert.IsType(type, payload);
            var json = converter.Serialize(payload)!;
            var back = converter.Deserialize(json, type);
            Assert.IsType(type, back);
            Assert.Equal(json, converter.Serialize(back));
        }
    }

    [Fact]
    public async Task StartAsync_Completes()
    {
        await EngineWarmup.StartAsync(JsonDataConverter.Default).WaitAsync(TimeSpan.FromMinutes(1));
    }
}
