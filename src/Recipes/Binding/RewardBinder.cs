using PostTrain.Recipes.Validation;
using PostTrain.Rewards.Remote;
using PostTrain.Rewards.Sandbox;

namespace PostTrain.Recipes.Binding;

/// <summary>Binds one <c>rewards</c> entry and checks it with the HTTP and child-process validators.</summary>
internal static class RewardBinder
{
    public static RewardEntry Bind(ResolvedRecipe r, string entry)
    {
        var isolation = EnumNames.Parse<RewardIsolation>(r.Get<string>($"{entry}.isolation"));
        var name = r.StringOrNull($"{entry}.name");
        var plugin = r.StringOrNull($"{entry}.plugin");
        var type = r.StringOrNull($"{entry}.type");
        return new RewardEntry
        {
            Name = name,
            PluginPath = plugin,
            TypeName = type,
            Http = r.IsGiven($"{entry}.http")
                ? new HttpRewardOptions
                {
                    Url = r.StringOrNull($"{entry}.http.url") ?? "",
                    Timeout = TimeSpan.FromSeconds(r.Get<double>($"{entry}.http.timeout")),
                    MaxBatchSize = r.Get<int>($"{entry}.http.max_batch_size"),
                }
                : null,
            Weight = r.Get<double>($"{entry}.weight"),
            MaxLength = r.NumberOrNull($"{entry}.max_length"),
            ModelPath = r.StringOrNull($"{entry}.model"),
            Isolation = isolation,
            Child = isolation == RewardIsolation.Child
                ? new ChildProcessRewardOptions
                {
                    BuiltIn = name,
                    PluginPath = plugin,
                    TypeName = type,
                    BatchTimeLimit = TimeSpan.FromSeconds(r.Get<double>("reward_limits.timeout")),
                    MemoryLimitMb = r.Get<int>("reward_limits.memory_mb"),
                }
                : null,
        };
    }

    public static void Check(RewardEntry reward, string entry, OptionsCheck check)
    {
        if (reward.Http is { } http)
            check.Report(HttpRewardOptionsValidator.Errors(http), $"{entry}.http",
                ("url", $"{entry}.http.url"), ("timeout", $"{entry}.http.timeout"), ("max_batch_size", $"{entry}.http.max_batch_size"));
        if (reward.Child is { } child)
            check.Report(ChildProcessRewardOptionsValidator.Errors(child), entry,
                ("batch_time_limit", "reward_limits.timeout"), ("memory_limit_mb", "reward_limits.memory_mb"));
    }
}
