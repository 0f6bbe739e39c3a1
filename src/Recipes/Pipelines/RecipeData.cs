using PostTrain.Learner.Batches;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Data;
using PostTrain.Recipes.Tasks;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// A recipe's data sets, read or generated and encoded: RL prompts, SFT sequences and preference pairs. A built-in
/// evaluation set never contains a training problem of the same task. Prompts over <c>data.max_prompt_length</c>
/// tokens are left out and counted.
/// </summary>
public sealed class RecipeData(DataSpec spec, ChatEncoder encoder)
{
    public int SkippedLongPrompts { get; private set; }

    public IReadOnlyList<RlPrompt> TrainPrompts() => Prompts(spec.Train, exclude: null);

    /// <summary>Held-out prompts; null when the recipe names no evaluation data.</summary>
    public IReadOnlyList<RlPrompt>? EvalPrompts() => spec.Eval is { } eval ? Prompts(eval, exclude: SeenIds(eval)) : null;

    /// <summary>Problems of the evaluation's task that training or the warm-up uses.</summary>
    HashSet<string> SeenIds(DataSource eval)
    {
        var seen = new HashSet<string>();
        foreach (var source in new[] { spec.Train, spec.Warmup })
            if (source is not null && SameTask(source, eval)) seen.UnionWith(TaskIds(source));
        return seen;
    }

    public IReadOnlyList<TrainingSequence> Sequences(DataSource source)
    {
        if (source.Task is not null)
            return Problems(source, null).Select(p => encoder.Sequence([new ChatMessage("user", p.Prompt)], p.Solution)).ToList();
        var sequences = new List<TrainingSequence>();
        foreach (var example in DatasetLoader.LoadSft(source.Path!))
        {
            var lastAnswer = example.Messages.Select((m, i) => (m, i)).LastOrDefault(x => x.m.Role == "assistant");
            if (lastAnswer.m is null) continue;
            var sequence = encoder.Sequence(example.Messages.Take(lastAnswer.i).ToList(), lastAnswer.m.Content);
            if (Fits(sequence.PromptIds.Count)) sequences.Add(sequence);
        }
        return sequences;
    }

    public IReadOnlyList<PreferencePair> Pairs(DataSource source)
    {
        var pairs = new List<PreferencePair>();
        if (source.Task is not null)
        {
            foreach (var problem in Problems(source, null))
            {
                if (problem.Rejected is null)
                    throw new ArgumentException($"built-in task '{source.Task}' makes no preference pairs; use long_writing_think or a file (prompt, chosen, rejected)");
                var chosen = encoder.Sequence([new ChatMessage("user", problem.Prompt)], problem.Solution);
                var rejected = encoder.Sequence([new ChatMessage("user", problem.Prompt)], problem.Rejected);
                if (Fits(chosen.PromptIds.Count)) pairs.Add(new PreferencePair(chosen.PromptIds, chosen.CompletionIds, rejected.CompletionIds));
            }
            return pairs;
        }
        foreach (var example in DatasetLoader.LoadPreference(source.Path!))
        {
            var prompt = example.Prompt.AsMessages("user");
            var chosen = encoder.Sequence(prompt, Answer(example.Chosen));
            var rejected = encoder.Sequence(prompt, Answer(example.Rejected));
            if (Fits(chosen.PromptIds.Count)) pairs.Add(new PreferencePair(chosen.PromptIds, chosen.CompletionIds, rejected.CompletionIds));
        }
        return pairs;
    }

    IReadOnlyList<RlPrompt> Prompts(DataSource source, IReadOnlySet<string>? exclude)
    {
        var prompts = new List<RlPrompt>();
        if (source.Task is not null)
        {
            foreach (var problem in Problems(source, exclude))
                Add(prompts, problem.Id, [new ChatMessage("user", problem.Prompt)], problem.GroundTruth, problem.Metadata);
            return prompts;
        }
        foreach (var example in DatasetLoader.LoadRl(source.Path!))
            Add(prompts, example.Id, example.Prompt.AsMessages("user"), example.GroundTruth, example.Metadata);
        return prompts;
    }

    void Add(List<RlPrompt> prompts, string id, IReadOnlyList<ChatMessage> messages, string? truth, IReadOnlyDictionary<string, string> metadata)
    {
        var ids = encoder.Prompt(messages);
        if (!Fits(ids.Length)) return;
        prompts.Add(new RlPrompt(id, ids, string.Join("\n", messages.Select(m => m.Content)), truth, metadata));
    }

    bool Fits(int promptTokens)
    {
        if (promptTokens <= spec.MaxPromptLength) return true;
        SkippedLongPrompts++;
        return false;
    }

    static IReadOnlyList<TaskProblem> Problems(DataSource source, IReadOnlySet<string>? exclude) =>
        BuiltinTasks.Generate(BuiltinTasks.For(source), source.Count, source.Seed, exclude);

    // A task's ids spell out the whole problem, so excluding the ids of another source of the same family (whatever
    // its settings) removes exactly the problems it trains on.
    static bool SameTask(DataSource a, DataSource b) => a.Task is not null && b.Task is not null && BuiltinTasks.SameProblems(a.Task, b.Task);

    static HashSet<string> TaskIds(DataSource source) => Problems(source, null).Select(p => p.Id).ToHashSet();

    static string Answer(ChatContent content) =>
        content.Text ?? content.Messages!.LastOrDefault(m => m.Role == "assistant")?.Content ?? content.Messages!.Last().Content;
}
