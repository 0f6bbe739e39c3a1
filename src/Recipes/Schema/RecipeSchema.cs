using Microsoft.Extensions.DependencyInjection;
using PostTrain.Rewards;

namespace PostTrain.Recipes.Schema;

/// <summary>Every key a recipe may hold (the table is in RecipeSchema.Keys.cs), looked up by dotted path.</summary>
public static partial class RecipeSchema
{
    static readonly Lazy<IReadOnlyDictionary<string, RecipeKey>> ByPath =
        new(() => Keys.ToDictionary(k => k.Path, StringComparer.Ordinal));

    /// <summary>Built-in rewards that need a setting from their entry: <c>length</c> (max_length) and <c>reward_model</c> (model).</summary>
    public static IReadOnlyList<string> SettingRewardNames { get; } = ["length", "reward_model"];

    /// <summary>The names <c>rewards[].name</c> accepts: the built-in rewards, as their registry lists them.</summary>
    public static IReadOnlyList<string> BuiltInRewardNames { get; } =
        new ServiceCollection().AddBuiltInRewards().BuildServiceProvider().GetRequiredService<RewardRegistry>().Names
            .Concat(SettingRewardNames).Order(StringComparer.Ordinal).ToList();

    /// <summary>Built-in data sets, generated from a seed.</summary>
    public static IReadOnlyList<string> BuiltInTasks { get; } = ["arithmetic", "countdown", "long_writing", "long_writing_think", "long_cot", "short_cot", "moving_shapes"];

    /// <summary>The key at a schema path (list entries written <c>rewards[].weight</c>), or null.</summary>
    public static RecipeKey? Find(string schemaPath) => ByPath.Value.GetValueOrDefault(schemaPath);

    /// <summary>The keys directly under a section ("" for the top level).</summary>
    public static IEnumerable<RecipeKey> Children(string schemaParent) => Keys.Where(k => k.Parent == schemaParent);
}
