using Microsoft.Extensions.DependencyInjection;
using PostTrain.Recipes.Binding;
using PostTrain.Rewards;
using PostTrain.Rewards.Plugins;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// A recipe's <c>rewards</c> as registered rewards: built-ins under their own names (registered by every silo),
/// plug-ins, remote judges and child-process rewards under keys of their own, and the weight of each key.
/// </summary>
public static class RecipeRewards
{
    public static string KeyOf(RewardEntry entry) => entry switch
    {
        { Child: not null } => $"child:{entry.Name ?? entry.TypeName}",
        { Http: { } http } => $"http:{http.Url}",
        { TypeName: { } type } => $"plugin:{type}",
        _ => entry.Name!,
    };

    /// <summary>Weights by key; entries with the same key add up.</summary>
    public static Dictionary<string, double> Weights(IReadOnlyList<RewardEntry> entries) =>
        entries.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.Sum(e => e.Weight));

    /// <summary>
    /// Registers every entry that is not a plain built-in (which <c>AddBuiltInRewards</c> covers): plug-ins, remote and
    /// child-process rewards, and the built-ins with settings (<c>length</c>, <c>reward_model</c>).
    /// </summary>
    public static IServiceCollection Register(IServiceCollection services, IReadOnlyList<RewardEntry> entries)
    {
        foreach (var entry in entries.DistinctBy(KeyOf))
        {
            var key = KeyOf(entry);
            if (entry.Child is { } child) services.AddChildProcessReward(key, child);
            else if (entry.Http is { } http) services.AddHttpReward(key, http);
            else if (entry.PluginPath is { } plugin) services.AddReward(key, _ => RewardPluginLoader.Load(plugin, entry.TypeName!));
            else if (entry.Name == "length") services.AddLengthReward(key, entry.MaxLength!.Value);
            else if (entry.Name == "reward_model")
                services.AddRewardModel(key, entry.ModelPath ?? throw new InvalidOperationException("the reward_model reward has no model folder yet (the reward_model stage has not run)"));
        }
        return services;
    }
}
