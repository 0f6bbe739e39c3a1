using Microsoft.Extensions.DependencyInjection;
using PostTrain.Core.Rewards;
using PostTrain.Rewards.Verification;

namespace PostTrain.Rewards.Tests;

public sealed class RegistryTests
{
    sealed class ConstantReward : IRewardFunction
    {
        public string Name => "constant";

        public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
            Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(_ => new RewardOutput(0.25)).ToArray());
    }

    [Fact]
    public async Task UserRewardsRegisterThroughDependencyInjectionBesideTheBuiltIns()
    {
        using var provider = new ServiceCollection().AddBuiltInRewards().AddReward<ConstantReward>("my_constant").BuildServiceProvider();
        var registry = provider.GetRequiredService<RewardRegistry>();

        var mine = registry.Resolve("my_constant");
        var outputs = await mine.ScoreAsync([new RewardInput("p", "c")], CancellationToken.None);

        Assert.Equal(0.25, outputs[0].Score);
        Assert.IsType<MathVerifier>(registry.Resolve("math_verify"));
        Assert.Equal(["answer_match", "countdown", "exact_match", "longwriter_format", "math_verify", "my_constant", "think_answer_format"], registry.Names);
    }

    [Fact]
    public void AnUnknownNameListsTheKnownOnes()
    {
        using var provider = new ServiceCollection().AddBuiltInRewards().BuildServiceProvider();

        var error = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<RewardRegistry>().Resolve("math_verfy"));

        Assert.Contains("unknown reward 'math_verfy'", error.Message);
        Assert.Contains("math_verify", error.Message);
        Assert.Contains("exact_match", error.Message);
    }
}
