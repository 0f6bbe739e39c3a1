using PostTrain.Core.Seeding;
using PostTrain.Rewards.Length;

namespace PostTrain.Recipes.Tasks;

/// <summary>
/// <c>long_writing_think</c>, LongWriter-Zero's setting at toy scale: a writing prompt with an explicit word range and
/// the think-then-answer instruction. The worked solution plans the piece in <c>&lt;think&gt;</c> (the range and the
/// number of sentences) and writes it in <c>&lt;answer&gt;</c>, inside the range. The range is also carried in metadata
/// for the length reward. <see cref="TaskProblem.Rejected"/> is a degraded copy (words shuffled, or one sentence
/// repeated) of the same length and format, so preference pairs from this task teach a reward model quality alone.
/// </summary>
public sealed class ThinkWritingTask(int minWords = 40, int maxWords = 400) : IBuiltinTask
{
    static readonly string[] Subjects = ["lighthouse keeper", "old clock", "night train", "lost letter", "mountain village", "winter garden",
        "friendly robot", "fishing boat", "city library", "village baker", "paper kite", "sleeping cat", "desert road", "island ferry",
        "broken violin", "first snow", "empty theatre", "hot air balloon", "river mill", "travelling circus", "orchard keeper",
        "summer storm", "school bell", "harbour crane", "forest ranger", "copper kettle", "midnight market", "bicycle courier",
        "stone bridge", "music box"];

    static readonly string[] Forms = ["story", "essay", "letter", "description", "diary entry", "fable"];

    public const string Instruction = "Plan in <think>, then write in <answer>.";

    public string Name => "long_writing_think";

    public TaskProblem Next(Random random)
    {
        var subject = Subjects[random.Next(Subjects.Length)];
        var form = Forms[random.Next(Forms.Length)];
        var low = minWords + random.Next(Math.Max(1, (maxWords - minWords) / 2 + 1));
        var high = low + Math.Max(10, low / 4);
        var sentences = SyntheticProse.Sentences(random, subject, low, high);
        var text = string.Join(' ', sentences);
        var prompt = $"Write a {form} about the {subject} in {low} to {high} words. {Instruction}";
        return new TaskProblem($"long_writing_think:{form}:{subject}:{low}-{high}", prompt, $"{low}-{high}", Formatted(low, high, sentences.Count, text))
        {
            Metadata = new Dictionary<string, string>
            {
                [LengthReward.MinimumKey] = low.ToString(),
                [LengthReward.MaximumKey] = high.ToString(),
            },
            Rejected = Formatted(low, high, sentences.Count, Degraded(sentences, new Random(StableSeed.Of(random.Next(), low)))),
        };
    }

    static string Formatted(int low, int high, int sentences, string text) =>
        $"<think>\n{low} to {high} words: {sentences} sentences.\n</think>\n<answer>\n{text}\n</answer>";

    /// <summary>The same number of words, as a word salad or as the first sentence over and over; never the text itself.</summary>
    public static string Degraded(IReadOnlyList<string> sentences, Random random)
    {
        var original = string.Join(' ', sentences);
        var words = original.Split(' ');
        var shuffled = words.ToArray();
        random.Shuffle(shuffled);
        var first = sentences[0].Split(' ');
        string[] candidates = [string.Join(' ', shuffled), string.Join(' ', Enumerable.Range(0, words.Length).Select(i => first[i % first.Length]))];
        if (random.Next(2) == 1) Array.Reverse(candidates);
        return candidates.FirstOrDefault(c => c != original) ?? string.Join(' ', words.Reverse());
    }
}
