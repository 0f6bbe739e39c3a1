using PostTrain.Learner.Batches;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Data;
using PostTrain.Recipes.Tasks;
using PostTrain.Recipes.Video;
using PostTrain.Recipes.Tasks.Video;
using PostTrain.Modeling.Vision;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// A recipe's data sets, read or generated and encoded: RL prompts, SFT sequences and preference pairs. A built-in
/// evaluation set never contains a training problem of the same task. Prompts over <c>data.max_prompt_length</c>
/// tokens are left out and counted. Video prompts (a built-in video task) need <paramref name="video"/>: their marker
/// becomes the clip's frame tokens.
/// </summary>
public sealed class RecipeData(DataSpec spec, ChatEncoder encoder, VideoPrompts? video = null)
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
            return Problems(source, null).Select(p => WithVideo(encoder.Sequence([new ChatMessage("user", p.Prompt)], p.Solution), p)).ToList();
        var sequences = new List<TrainingSequence>();
        foreach (var example in DatasetLoader.LoadSft(source.Path!))
        {
            var lastAnswer = example.Messages.Select((m, i) => (m, i)).LastOrDefault(x => x.m.Role == "assistant");
            if (lastAnswer.m is null) continue;
            var clip = example.Video is { } path ? ReadVideo(source, path, example.Id) : null;
            var prompt = clip is null ? example.Messages.Take(lastAnswer.i).ToList() : WithMarker(example.Messages.Take(lastAnswer.i).ToList());
            var sequence = encoder.Sequence(prompt, lastAnswer.m.Content);
            if (clip is not null)
            {
                var (ids, shown) = video!.Expand([.. sequence.PromptIds], clip, $"example '{example.Id}' of {source.Path}");
                sequence = sequence with { PromptIds = ids, PromptEmbeddings = [video.Trained(shown)] };
            }
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
                Add(prompts, problem.Id, [new ChatMessage("user", problem.Prompt)], problem.GroundTruth, problem.Metadata, problem);
            return prompts;
        }
        foreach (var example in DatasetLoader.LoadRl(source.Path!))
        {
            var clip = example.Video is { } path ? ReadVideo(source, path, example.Id) : null;
            var messages = example.Prompt.AsMessages("user");
            Add(prompts, example.Id, clip is null ? messages : WithMarker(messages), example.GroundTruth, example.Metadata,
                clip is null ? null : new TaskProblem(example.Id, "", "", "") { Video = clip });
        }
        return prompts;
    }

    void Add(List<RlPrompt> prompts, string id, IReadOnlyList<ChatMessage> messages, string? truth, IReadOnlyDictionary<string, string> metadata,
        TaskProblem? problem = null)
    {
        var ids = encoder.Prompt(messages);
        PromptVideo? shown = null;
        if (problem?.Video is { } clip) (ids, shown) = VideoPromptsFor(problem).Expand(ids, clip, $"problem '{problem.Id}'");
        if (!Fits(ids.Length)) return;
        prompts.Add(new RlPrompt(id, ids, string.Join("\n", messages.Select(m => m.Content)), truth, metadata) { Video = shown });
    }

    TrainingSequence WithVideo(TrainingSequence sequence, TaskProblem problem)
    {
        if (problem.Video is not { } clip) return sequence;
        var videos = VideoPromptsFor(problem);
        var (ids, shown) = videos.Expand([.. sequence.PromptIds], clip, $"problem '{problem.Id}'");
        return sequence with { PromptIds = ids, PromptEmbeddings = [videos.Trained(shown)] };
    }

    /// <summary>A data row's <c>video</c>, relative to its data file, read into the encoder's frame size.</summary>
    VideoClip ReadVideo(DataSource source, string path, string exampleId)
    {
        var videos = video ?? throw new ArgumentException(
            $"example '{exampleId}' of {source.Path} has a video, but the model has no vision encoder; add model.vision to the recipe");
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source.Path!))!, path);
        return VideoReader.Read(full, source.Frames, videos.ImageSize);
    }

    /// <summary>The first user message opens with the video marker unless some message already holds it.</summary>
    static IReadOnlyList<ChatMessage> WithMarker(IReadOnlyList<ChatMessage> messages)
    {
        if (messages.Any(m => m.Content.Contains(MovingShapesTask.VideoMarker, StringComparison.Ordinal))) return messages;
        var first = messages.Select((m, i) => (m, i)).FirstOrDefault(x => x.m.Role == "user");
        if (first.m is null) return messages;
        return [.. messages.Take(first.i), first.m with { Content = MovingShapesTask.VideoMarker + "\n" + first.m.Content }, .. messages.Skip(first.i + 1)];
    }

    VideoPrompts VideoPromptsFor(TaskProblem problem) => video
        ?? throw new ArgumentException($"problem '{problem.Id}' shows a video, but the model has no vision encoder; add model.vision to the recipe");

    bool Fits(int promptTokens)
    {
        if (promptTokens <= spec.MaxPromptLength) return true;
        SkippedLongPrompts++;
        return false;
    }

    IReadOnlyList<TaskProblem> Problems(DataSource source, IReadOnlySet<string>? exclude) =>
        BuiltinTasks.Generate(BuiltinTasks.For(source, video?.ImageSize ?? 32), source.Count, source.Seed, exclude);

    // A task's ids spell out the whole problem, so excluding the ids of another source of the same family (whatever
    // its settings) removes exactly the problems it trains on.
    static bool SameTask(DataSource a, DataSource b) => a.Task is not null && b.Task is not null && BuiltinTasks.SameProblems(a.Task, b.Task);

    HashSet<string> TaskIds(DataSource source) => Problems(source, null).Select(p => p.Id).ToHashSet();

    static string Answer(ChatContent content) =>
        content.Text ?? content.Messages!.LastOrDefault(m => m.Role == "assistant")?.Content ?? content.Messages!.Last().Content;
}
