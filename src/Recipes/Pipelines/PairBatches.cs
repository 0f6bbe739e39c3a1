using PostTrain.Core.Seeding;
namespace PostTrain.Recipes.Pipelines;

/// <summary>The batch of update <c>step</c> from a fixed data set: a seeded shuffle per epoch, so a resumed run sees the same data.</summary>
public static class PairBatches
{
    public static IReadOnlyList<T> At<T>(IReadOnlyList<T> data, long step, int batchSize, long seed)
    {
        var perEpoch = Math.Max(1, data.Count / batchSize);
        var epoch = step / perEpoch;
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Random(StableSeed.Of(seed, epoch)).Shuffle(order);
        var start = (int)(step % perEpoch) * batchSize;
        return Enumerable.Range(start, batchSize).Select(i => data[order[i % order.Length]]).ToList();
    }
}
