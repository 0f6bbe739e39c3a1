using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Rollout.Engine;

namespace PostTrain.Rollout.Tests;

/// <summary>Which sequences prefill together: the cheapest split of a longest-first list into padded runs.</summary>
public sealed class PrefillPlanTests
{
    static readonly DecoderConfig Tiny = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get("tiny"), 260, null, [], null, false);

    [Fact]
    public void SequencesOfOneLengthPrefillInOneCall()
    {
        Assert.Equal([(0, 6)], new PrefillPlan(Tiny, callTokens: 128).Runs([40, 40, 40, 40, 40, 40]));
    }

    [Theory]
    [InlineData(128, 2)]
    [InlineData(100_000, 1)]
    public void AShortSequenceIsPaddedToALongOneOnlyWhenACallCostsMore(int callTokens, int runs)
    {
        Assert.Equal(runs, new PrefillPlan(Tiny, callTokens).Runs([512, 16]).Count);
    }

    [Fact]
    public void TheSplitIsTheCheapestOfAllSplits()
    {
        var plan = new PrefillPlan(Tiny, callTokens: 128);
        var random = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            var lengths = Enumerable.Range(0, random.Next(1, 10)).Select(_ => random.Next(1, 600)).OrderDescending().ToArray();

            var runs = plan.Runs(lengths);

            Assert.Equal(lengths.Length, runs.Sum(r => r.Count));
            Assert.Equal(Enumerable.Range(0, lengths.Length), runs.SelectMany(r => Enumerable.Range(r.Start, r.Count)));
            Assert.Equal(Cheapest(plan, lengths), runs.Sum(r => plan.Cost(r.Count, lengths[r.Start])), 6);
        }
    }

    [Fact]
    public void NothingToPrefillIsNoRuns() => Assert.Empty(new PrefillPlan(Tiny, callTokens: 128).Runs([]));

    // Every way of cutting the list into consecutive runs: bit i of the mask cuts between sequences i and i + 1.
    static double Cheapest(PrefillPlan plan, int[] lengths)
    {
        var best = double.PositiveInfinity;
        for (var mask = 0; mask < 1 << (lengths.Length - 1); mask++)
        {
            var (cost, start) = (0.0, 0);
            for (var i = 0; i < lengths.Length; i++)
            {
                if (i < lengths.Length - 1 && (mask >> i & 1) == 0) continue;
                cost += plan.Cost(i + 1 - start, lengths[start]);
                start = i + 1;
            }
            best = Math.Min(best, cost);
        }
        return best;
    }
}
