using PostTrain.Recipes.Binding;

namespace PostTrain.Recipes.Runs;

/// <summary>
/// Where a run leaves everything: <c>metrics.jsonl</c>, <c>summary.json</c>, <c>recipe.yaml</c> (resolved),
/// <c>tensorboard/</c>, <c>plots/</c>, checkpoints, <c>base-model/</c> (a <c>model.init</c> model), <c>reward-model/</c> (a <c>reward_model</c> stage's) and <c>model/</c>
/// (the final model in Hugging Face layout).
/// </summary>
public sealed class RunFolder
{
    public RunFolder(string root, Recipe recipe)
    {
        Root = Path.GetFullPath(root);
        Checkpoints = Path.Combine(Root, recipe.Checkpoints.Directory);
        Metrics = Path.Combine(Root, recipe.Logging.Directory, "metrics.jsonl");
    }

    public string Root { get; }
    public string Checkpoints { get; }
    public string Metrics { get; }
    public string Summary => Path.Combine(Root, "summary.json");
    public string ResolvedRecipe => Path.Combine(Root, "recipe.yaml");
    public string TensorBoard => Path.Combine(Root, "tensorboard");
    public string BaseModel => Path.Combine(Root, "base-model");
    public string FinalModel => Path.Combine(Root, "model");
    public string WarmupModel => Path.Combine(Root, "warmup-model");

    /// <summary>The quality reward model the recipe's <c>reward_model</c> stage trains.</summary>
    public string RewardModel => Path.Combine(Root, "reward-model");

    /// <summary>True when the folder already holds a run (its metrics, summary or a checkpoint).</summary>
    public bool HoldsRun => File.Exists(Metrics) || File.Exists(Summary) || Directory.Exists(Checkpoints);

    /// <summary>The default <c>--out</c>: <c>runs/NAME</c> under the current folder.</summary>
    public static string DefaultRoot(Recipe recipe) =>
        Path.Combine("runs", string.IsNullOrWhiteSpace(recipe.Name) ? Path.GetFileNameWithoutExtension(recipe.File) : recipe.Name);
}
