using Microsoft.Extensions.DependencyInjection;
using PostTrain.Core.Rewards;
using PostTrain.Rewards;
using PostTrain.Rewards.Isolation;
using PostTrain.Rewards.Plugins;
using PostTrain.Rewards.Remote;
using PostTrain.Rewards.Sandbox;

namespace PostTrain.Cli.Commands;

/// <summary>
/// How <c>posttrain reward score</c> scores: a registered reward or a plug-in in process (each sample under the time
/// limit), the same in a child process (<c>--isolate</c>: each batch under the time and memory limits), or a remote judge
/// (<c>--http</c>: each request under the time limit).
/// </summary>
internal sealed record RewardScoring
{
    public string? Reward { get; init; }
    public string? Plugin { get; init; }
    public string? Type { get; init; }
    public string? Http { get; init; }

    /// <summary>A recipe whose rewards (weighted sum, under its reward_limits) score the samples.</summary>
    public string? Recipe { get; init; }

    public IReadOnlyList<string> Headers { get; init; } = [];
    public bool Isolate { get; init; }
    public int? MemoryMb { get; init; }
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>Rejects flag combinations that mean nothing, naming the flags.</summary>
    public void Validate()
    {
        if (new[] { Reward, Plugin, Http, Recipe }.Count(v => v is not null) != 1)
            throw new ArgumentException("give exactly one of --reward NAME, --plugin PATH --type TYPE, --http URL or --recipe FILE");
        if (Recipe is not null && (Isolate || Headers.Count > 0))
            throw new ArgumentException("--recipe takes isolation and headers from the recipe's rewards; drop --isolate and --header");
        if (Plugin is not null && Type is null) throw new ArgumentException("--plugin needs --type, the reward's full type name");
        if (Type is not null && Plugin is null) throw new ArgumentException("--type goes with --plugin");
        if (Isolate && Http is not null) throw new ArgumentException("--isolate runs a local reward in a child process; an --http judge is already remote");
        if (MemoryMb is not null && !Isolate) throw new ArgumentException("--memory-mb limits an isolated reward; add --isolate");
        if (Headers.Count > 0 && Http is null) throw new ArgumentException("--header goes with --http");
        if (!(TimeoutSeconds > 0) || double.IsInfinity(TimeoutSeconds))
            throw new ArgumentException($"--timeout must be a positive number of seconds, got {TimeoutSeconds}");
    }

    public IReadOnlyList<RewardOutput> Score(IReadOnlyList<RewardInput> samples)
    {
        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        if (Recipe is not null)
        {
            var recipe = Recipes.RecipeReader.Read(Recipe);
            if (recipe.Rewards.Count == 0) throw new ArgumentException($"{Recipe}: the recipe has no rewards");
            var scorer = new Recipes.Evaluation.RewardScorer(recipe.Rewards, recipe.RewardLimits);
            try
            {
                return scorer.ScoreAsync(samples).GetAwaiter().GetResult();
            }
            finally
            {
                scorer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        if (Http is not null)
        {
            using var judge = new HttpReward("http", new HttpRewardOptions { Url = Http, Timeout = timeout, Headers = ParseHeaders() });
            return judge.ScoreAsync(samples, CancellationToken.None).GetAwaiter().GetResult();
        }
        if (Isolate)
        {
            using var child = new ChildProcessReward(new ChildProcessRewardOptions
            {
                BuiltIn = Reward, PluginPath = Plugin, TypeName = Type, BatchTimeLimit = timeout, MemoryLimitMb = MemoryMb ?? 1024,
            });
            return child.ScoreAsync(samples, CancellationToken.None).GetAwaiter().GetResult();
        }
        using var services = new ServiceCollection().AddBuiltInRewards().BuildServiceProvider();
        var function = Reward is not null
            ? services.GetRequiredService<RewardRegistry>().Resolve(Reward)
            : RewardPluginLoader.Load(Plugin!, Type!);
        var guarded = new GuardedReward(function, new RewardLimits { PerSample = timeout, MaxConsecutiveFailures = 0 });
        return guarded.ScoreAsync(samples, CancellationToken.None).GetAwaiter().GetResult();
    }

    Dictionary<string, string> ParseHeaders() => Headers.Select(header =>
    {
        var colon = header.IndexOf(':');
        return colon > 0
            ? KeyValuePair.Create(header[..colon].Trim(), header[(colon + 1)..].Trim())
            : throw new ArgumentException($"--header must be \"Name: value\", got '{header}'");
    }).ToDictionary();
}
