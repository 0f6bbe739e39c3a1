using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Modeling.Runtime;
using PostTrain.Modeling.Tokenization;
using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Video;
using PostTrain.Recipes;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Evaluation;
using PostTrain.Recipes.Pipelines;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Cli.Commands;

/// <summary>
/// <c>posttrain eval</c>: a model on a built-in task or an RL data set, k answers a prompt, scored by rewards: avg@k
/// (mean share of correct answers) and pass@k (share of prompts with a correct one), in points.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "a Hugging Face model folder (a run's model/ or a checkpoint)", Required = true };
        var task = new Option<string?>("--task") { Description = "a built-in task: arithmetic, countdown, long_writing, long_cot, short_cot, moving_shapes (needs a model with a vision encoder)" };
        var data = new Option<string?>("--data") { Description = "an RL data set (JSONL or Parquet, verl layout)" };
        var recipe = new Option<string?>("--recipe") { Description = "take data.eval, the rewards and the evaluation settings from a recipe" };
        var reward = new Option<string[]>("--reward") { Description = "a built-in reward (repeatable; weights 1); default math_verify" };
        var count = new Option<int>("--count") { Description = "problems generated for --task", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "seed of --task's problems and of sampling", DefaultValueFactory = _ => 2 };
        var samples = new Option<int?>("--samples", "-k") { Description = "k: answers per prompt (default 1, or the recipe's)" };
        var temperature = new Option<double?>("--temperature") { Description = "0 = greedy (default), or the recipe's" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "tokens an answer may have (default 256, or the recipe's)" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var command = new Command("eval", "Evaluate a model on a task or data set: avg@k and pass@k")
        {
            model, task, data, recipe, reward, count, seed, samples, temperature, maxTokens, json,
        };
        command.SetAction(result => CliAction.Run(() => Run(result.GetValue(model)!, result.GetValue(task), result.GetValue(data),
            result.GetValue(recipe), result.GetValue(reward) ?? [], result.GetValue(count), result.GetValue(seed), result.GetValue(samples),
            result.GetValue(temperature), result.GetValue(maxTokens), result.GetValue(json))));
        return command;
    }

    static int Run(string modelDirectory, string? task, string? dataPath, string? recipePath, string[] rewardNames, int count, int seed,
        int? samples, double? temperature, int? maxTokens, bool json)
    {
        var fromRecipe = recipePath is null ? null : RecipeReader.Read(recipePath);
        if (new[] { task, dataPath }.Count(v => v is not null) + (fromRecipe?.Data.Eval is null ? 0 : 1) != 1)
            throw new ArgumentException("give exactly one of --task, --data, or a --recipe with data.eval");
        var source = fromRecipe?.Data.Eval ?? new DataSource(dataPath is null ? null : Path.GetFullPath(dataPath), task, count, seed);
        var rewards = rewardNames.Length > 0 ? rewardNames.Select(n => new RewardEntry { Name = n }).ToList()
            : fromRecipe?.Rewards ?? [new RewardEntry { Name = "math_verify" }];

        TorchRuntime.Configure("cpu", Environment.ProcessorCount);
        var tokenizer = TokenizerFactory.Load(modelDirectory);
        using var loaded = ModelLoader.Load(modelDirectory).Model;
        // A model folder with a vision encoder beside it answers video prompts.
        using var vision = VisionEncoderFiles.Exists(modelDirectory) ? VisionEncoderFiles.Load(modelDirectory, loaded.Placement) : null;
        var videos = vision is null ? null : new VideoPrompts(vision, tokenizer);
        var encoder = new ChatEncoder(tokenizer);
        var prompts = new RecipeData(new DataSpec(source, source, null, int.MaxValue, false), encoder, videos).TrainPrompts();
        var options = new EvaluationOptions
        {
            Samples = samples ?? fromRecipe?.Evaluation.Samples ?? 1,
            Temperature = temperature ?? fromRecipe?.Evaluation.Temperature ?? 0,
            MaxResponseLength = maxTokens ?? fromRecipe?.Evaluation.MaxResponseLength ?? 256,
            PassThreshold = fromRecipe?.Evaluation.PassThreshold ?? 1.0,
            Seed = seed,
            StopTokenIds = encoder.StopTokenIds(),
        };
        var result = EvaluateAsync(loaded, tokenizer, prompts, rewards, fromRecipe?.RewardLimits ?? new RewardLimits(), options, videos).GetAwaiter().GetResult();
        var k = result.SamplesPerPrompt;
        if (json)
        {
            Console.WriteLine(new JsonObject
            {
                ["prompts"] = result.Prompts, ["k"] = k, [$"avg_at_k"] = result.AvgAtK, ["pass_at_k"] = result.PassAtK,
                ["reward_mean"] = result.RewardMean, ["response_length_mean"] = result.ResponseLengthMean,
                ["truncation_ratio"] = result.TruncationRatio, ["reward_failures"] = result.RewardFailures,
            }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Prompts} prompts, k = {k}: avg@{k} {result.AvgAtK:0.0}, pass@{k} {result.PassAtK:0.0} (points); reward mean {result.RewardMean:0.###}, " +
            $"length {result.ResponseLengthMean:0.#} tokens, truncated {100 * result.TruncationRatio:0.#}%, reward failures {result.RewardFailures}"));
        return 0;
    }

    static async Task<EvaluationResult> EvaluateAsync(PostTrain.Modeling.Architecture.CausalLanguageModel model, ITextTokenizer tokenizer,
        IReadOnlyList<RlPrompt> prompts, IReadOnlyList<RewardEntry> rewards, RewardLimits limits, EvaluationOptions options, VideoPrompts? videos)
    {
        await using var scorer = new RewardScorer(rewards, limits);
        return await Evaluator.RunAsync(model, tokenizer, prompts, scorer, options, videos: videos);
    }
}
