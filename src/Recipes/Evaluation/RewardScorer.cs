using Microsoft.Extensions.DependencyInjection;
using PostTrain.Core.Rewards;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Pipelines;
using PostTrain.Rewards;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Recipes.Evaluation;

/// <summary>A recipe's rewards in this process, under its limits, combined by weighted sum.</summary>
public sealed class RewardScorer : IAsyncDisposable
{
    readonly ServiceProvider _services;
    readonly List<(string Key, double Weight, GuardedReward Reward)> _rewards;

    public RewardScorer(IReadOnlyList<RewardEntry> entries, RewardLimits limits)
    {
        _services = RecipeRewards.Register(new ServiceCollection().AddBuiltInRewards(), entries).BuildServiceProvider();
        var registry = _services.GetRequiredService<RewardRegistry>();
        _rewards = RecipeRewards.Weights(entries).Select(w => (w.Key, w.Value, new GuardedReward(registry.Resolve(w.Key), limits))).ToList();
    }

    public async Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> inputs, CancellationToken cancellation = default)
    {
        var scored = await Task.WhenAll(_rewards.Select(async r => (r.Key, r.Weight, Outputs: await r.Reward.ScoreAsync(inputs, cancellation))));
        return inputs.Select((_, i) => RewardComposition.WeightedSum(scored.Select(s => (s.Key, s.Weight, s.Outputs[i])).ToList())).ToList();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
