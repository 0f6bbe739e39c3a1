using Microsoft.Extensions.DependencyInjection;
using PostTrain.Rewards.Format;
using PostTrain.Rewards.Length;
using PostTrain.Rewards.Models;
using PostTrain.Rewards.Remote;
using PostTrain.Rewards.Sandbox;
using PostTrain.Rewards.Verification;

namespace PostTrain.Rewards;

/// <summary>Registers rewards by name for recipes and the CLI to find.</summary>
public static class RewardServiceCollectionExtensions
{
    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/> (created per resolution).</summary>
    public static IServiceCollection AddReward<T>(this IServiceCollection services, string name) where T : class, IRewardFunction
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddTransient<T>();
        services.AddSingleton(new RewardRegistration(name, provider => provider.GetRequiredService<T>()));
        services.AddRewardRegistry();
        return services;
    }

    /// <summary>Registers a reward made by <paramref name="create"/> (for example a loaded plug-in) under <paramref name="name"/>.</summary>
    public static IServiceCollection AddReward(this IServiceCollection services, string name, Func<IServiceProvider, IRewardFunction> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return services.AddRegistration(name, create);
    }

    /// <summary>
    /// Registers a remote judge under <paramref name="name"/> (<see cref="HttpReward"/>); one instance, and so one
    /// connection pool, serves every resolution. The options are checked here, before any training.
    /// </summary>
    public static IServiceCollection AddHttpReward(this IServiceCollection services, string name, HttpRewardOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        HttpRewardOptionsValidator.Validate(options);
        services.AddKeyedSingleton(name, (_, _) => new HttpReward(name, options));
        return services.AddRegistration(name, provider => provider.GetRequiredKeyedService<HttpReward>(name));
    }

    /// <summary>
    /// Registers a built-in or plug-in reward that runs in a child process under time and memory limits
    /// (<see cref="ChildProcessReward"/>), under <paramref name="name"/>, which its errors use unless the options name
    /// another. The child starts at the first resolution and is stopped when the service provider is disposed.
    /// </summary>
    public static IServiceCollection AddChildProcessReward(this IServiceCollection services, string name, ChildProcessRewardOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ChildProcessRewardOptionsValidator.Validate(options);
        services.AddKeyedSingleton(name, (_, _) => new ChildProcessReward(options with { Name = options.Name ?? name }));
        return services.AddRegistration(name, provider => provider.GetRequiredKeyedService<ChildProcessReward>(name));
    }

    /// <summary>LongWriter-Zero's length reward under <paramref name="name"/>, with lengths at or past <paramref name="maximumLength"/> words scoring 0.</summary>
    public static IServiceCollection AddLengthReward(this IServiceCollection services, string name, double maximumLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!(maximumLength > 0)) throw new ArgumentException($"the length reward's maximum length must be positive, got {maximumLength}");
        return services.AddRegistration(name, _ => new LengthReward(maximumLength));
    }

    /// <summary>
    /// A trained reward model (<see cref="RewardModelScorer"/>) under <paramref name="name"/>: loaded once, at the first
    /// resolution, and disposed with the service provider. Prompt and completion go through the model's chat template.
    /// </summary>
    public static IServiceCollection AddRewardModel(this IServiceCollection services, string name, string modelDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton(name, (_, _) => new RewardModelScorer(modelDirectory, chat: true));
        return services.AddRegistration(name, provider => provider.GetRequiredKeyedService<RewardModelScorer>(name));
    }

    /// <summary>The built-in rewards that need no settings, and the registry.</summary>
    public static IServiceCollection AddBuiltInRewards(this IServiceCollection services) => services
        .AddReward<MathVerifier>("math_verify")
        .AddReward<ExactMatchReward>("exact_match")
        .AddReward<AnswerMatchReward>("answer_match")
        .AddReward<ThinkAnswerFormatReward>("think_answer_format")
        .AddReward<LongWriterFormatReward>("longwriter_format")
        .AddReward<CountdownReward>("countdown");

    static IServiceCollection AddRegistration(this IServiceCollection services, string name, Func<IServiceProvider, IRewardFunction> create)
    {
        services.AddSingleton(new RewardRegistration(name, create));
        services.AddRewardRegistry();
        return services;
    }

    static void AddRewardRegistry(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(RewardRegistry))) services.AddSingleton<RewardRegistry>();
    }
}

/// <summary>A reward name and how to create it.</summary>
public sealed record RewardRegistration(string Name, Func<IServiceProvider, IRewardFunction> Create);
