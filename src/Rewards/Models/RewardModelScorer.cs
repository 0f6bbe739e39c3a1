using PostTrain.Core.Rewards;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Tokenization;
using static TorchSharp.torch;

namespace PostTrain.Rewards.Models;

/// <summary>
/// Scores completions with a reward model trained by the learner (LongWriter-Zero's quality reward): prompt and
/// completion are tokenised together (through the chat template when <c>chat</c> is set), batched with padding, and
/// each sequence's score is the head's output at its last real token.
/// </summary>
public sealed class RewardModelScorer : IRewardFunction, IDisposable
{
    readonly RewardModel _model;
    readonly ITextTokenizer _tokenizer;
    readonly bool _chat;
    readonly int _batchSize;
    readonly object _gate = new();

    public RewardModelScorer(string modelDirectory, bool chat = false, int batchSize = 8)
    {
        _model = RewardModelFiles.Load(modelDirectory);
        _tokenizer = TokenizerFactory.Load(modelDirectory);
        _chat = chat;
        _batchSize = batchSize > 0 ? batchSize : throw new ArgumentException($"batch size must be positive, got {batchSize}");
    }

    public string Name => "reward_model";

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.Run<IReadOnlyList<RewardOutput>>(() =>
        {
            // libtorch work stays on one thread at a time; dispose scopes are per thread.
            lock (_gate) return batch.Chunk(_batchSize).SelectMany(part => Score(part, cancellation)).ToArray();
        }, cancellation);

    IEnumerable<RewardOutput> Score(RewardInput[] part, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var sequences = part.Select(Encode).ToArray();
        var time = sequences.Max(s => s.Count);
        var ids = new long[part.Length * time];
        var mask = new long[part.Length * time];
        for (var row = 0; row < part.Length; row++)
            for (var t = 0; t < sequences[row].Count; t++)
            {
                ids[row * time + t] = sequences[row][t];
                mask[row * time + t] = 1;
            }
        var layout = AttentionLayout.FromPadding(tensor(mask, [part.Length, time]));
        var scores = _model.Forward(tensor(ids, [part.Length, time]), layout).to(ScalarType.Float64).data<double>().ToArray();
        return scores.Select(score => new RewardOutput(score));
    }

    IReadOnlyList<int> Encode(RewardInput input)
    {
        var text = _chat
            ? _tokenizer.ChatTemplate.Render([new ChatMessage("user", input.Prompt), new ChatMessage("assistant", input.Completion)], false)
            : input.Prompt + input.Completion;
        var ids = _tokenizer.Encode(text);
        return ids.Count > 0 ? ids : [_tokenizer.EosTokenId ?? 0];
    }

    public void Dispose() => _model.Dispose();
}
