using PostTrain.Core.Seeding;
using PostTrain.Actors.Contracts;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// The training prompts as an endless, resumable stream: epoch by epoch, each shuffled by the seed (or in file order),
/// prompt ids made unique per epoch so that every sample's seed differs. <see cref="Taken"/> is the data position.
/// </summary>
/// <paramref name="video"/> says how a prompt's video travels to the workers (see <see cref="VideoRollouts"/>).
public sealed class PromptFeed(IReadOnlyList<RlPrompt> prompts, bool shuffle, long seed, long taken = 0, Func<RlPrompt, VideoInput?>? video = null)
{
    int[]? _order;
    long _orderEpoch = -1;

    public long Taken { get; private set; } = taken;

    public IReadOnlyList<RolloutPrompt> Take(int count)
    {
        if (prompts.Count == 0) throw new InvalidOperationException("there are no training prompts");
        var taken = new List<RolloutPrompt>(count);
        for (var i = 0; i < count; i++, Taken++)
        {
            var epoch = Taken / prompts.Count;
            var prompt = prompts[Order(epoch)[Taken % prompts.Count]];
            taken.Add(new RolloutPrompt
            {
                Id = $"e{epoch}:{prompt.Id}",
                PromptIds = prompt.PromptIds,
                PromptText = prompt.PromptText,
                GroundTruth = prompt.GroundTruth,
                Metadata = prompt.Metadata.ToDictionary(),
                Video = video?.Invoke(prompt),
            });
        }
        return taken;
    }

    int[] Order(long epoch)
    {
        if (_orderEpoch == epoch) return _order!;
        _order = Enumerable.Range(0, prompts.Count).ToArray();
        if (shuffle) new Random(StableSeed.Of(seed, epoch)).Shuffle(_order);
        _orderEpoch = epoch;
        return _order;
    }
}
