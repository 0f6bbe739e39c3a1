using PostTrain.Rewards.Length;

namespace PostTrain.Recipes.Tasks;

/// <summary>
/// Writing prompts with an explicit word range, stated in the prompt and carried in metadata (<c>length_min</c>,
/// <c>length_max</c>) for LongWriter-Zero's length reward. The solution is a filler text of the right length, enough
/// for an SFT warm-up to teach the format, not the craft.
/// </summary>
public sealed class LongWritingTask(int minWords = 40, int maxWords = 400) : IBuiltinTask
{
    static readonly string[] Subjects = ["a lighthouse keeper", "a city after rain", "the first day of school", "a lost letter",
        "a mountain village", "an old clock", "a night train", "a garden in winter", "a friendly robot", "the sea at dawn"];
    static readonly string[] Forms = ["story", "essay", "letter", "description"];

    public string Name => "long_writing";

    public TaskProblem Next(Random random)
    {
        var subject = Subjects[random.Next(Subjects.Length)];
        var form = Forms[random.Next(Forms.Length)];
        var low = minWords + random.Next(Math.Max(1, (maxWords - minWords) / 2));
        var high = low + Math.Max(10, low / 4);
        var target = (low + high) / 2;
        var words = Enumerable.Range(0, target).Select(i => i % 12 == 11 ? "end." : Filler[i % Filler.Length]);
        return new TaskProblem($"long_writing:{form}:{subject}:{low}-{high}",
            $"Write a {form} about {subject} in {low} to {high} words.", $"{low}-{high}", string.Join(' ', words))
        {
            Metadata = new Dictionary<string, string>
            {
                [LengthReward.MinimumKey] = low.ToString(),
                [LengthReward.MaximumKey] = high.ToString(),
            },
        };
    }

    static readonly string[] Filler = ["the", "quiet", "light", "moved", "across", "the", "water", "and", "we", "watched", "it", "go"];
}
