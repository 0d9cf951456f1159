using Durango.Engine.Orchestration;

namespace Durango.Engine.Tests.Orchestration;

/// <summary>
/// How a large loop's <c>parallelism</c> is shared over its batches (<see cref="LoopBatches.Split"/>): never more
/// iterations at once than the loop allows (upstream <c>workflow/controller/steps.go</c> and <c>dag.go</c> hold a loop's
/// children to <c>parallelism</c>), as near it as whole batches allow, and two batches at once where it allows two.
/// </summary>
public sealed class LoopBatchesSplitTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(4, 2, 2)]
    [InlineData(5, 2, 2)]
    [InlineData(32, 2, 16)]
    [InlineData(150, 2, 75)]
    [InlineData(201, 3, 67)]
    [InlineData(1000, 10, 100)]
    public void Split_Parallelism_BatchesTimesPerBatch(int parallelism, int atOnce, int perBatch)
    {
        Assert.Equal((atOnce, perBatch), LoopBatches.Split(parallelism));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Split_NoParallelism_NoCaps(int? parallelism)
    {
        Assert.Equal((null, null), LoopBatches.Split(parallelism));
    }

    [Fact]
    public void Split_EveryParallelism_NeverMoreThanAllowedAndBatchesFull()
    {
        foreach (var parallelism in Enumerable.Range(1, 20 * LoopBatches.Size))
        {
            var (atOnce, perBatch) = LoopBatches.Split(parallelism);
            Assert.InRange(atOnce!.Value * perBatch!.Value, parallelism - atOnce.Value + 1, parallelism);
            Assert.InRange(perBatch.Value, 1, LoopBatches.Size);
            Assert.InRange(atOnce.Value, Math.Min(2, parallelism), parallelism);
        }
    }
}
