using PostTrain.Core.Rewards;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Modeling.Tokenization;
using PostTrain.Rewards.Models;
using static TorchSharp.torch;

namespace PostTrain.Rewards.Tests;

public sealed class RewardModelScorerTests : IDisposable
{
    readonly string _folder = Path.Combine(Path.GetTempPath(), "posttrain-rm-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task BatchedScoresEqualEachSequenceScoredAlone()
    {
        var tokenizer = TokenizerFactory.Load("builtin");
        TokenizerFiles.Write("builtin", _folder, ChatTemplate.ChatMl);
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get("tiny"), tokenizer.VocabSize, null, [], null, false)
            with { InitializerRange = 0.1 };
        using (var model = new RewardModel(config, ModelPlacement.Cpu()))
            RewardModelFiles.Save(model, _folder);
        using var scorer = new RewardModelScorer(_folder, batchSize: 2);
        RewardInput[] samples = [new("Write: ", "a short one"), new("Write: ", "a much longer completion here"), new("Q? ", "yes")];

        var batched = await scorer.ScoreAsync(samples, CancellationToken.None);

        using var loaded = RewardModelFiles.Load(_folder);
        using var noGrad = no_grad();
        for (var i = 0; i < samples.Length; i++)
        {
            var ids = tokenizer.Encode(samples[i].Prompt + samples[i].Completion).Select(id => (long)id).ToArray();
            var alone = loaded.forward(tensor(ids).unsqueeze(0)).item<float>();
            Assert.Equal(alone, batched[i].Score, 4);
        }
        Assert.NotEqual(batched[0].Score, batched[1].Score);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
