namespace PostTrain.Rewards.Sandbox;

/// <summary>
/// Which reward to run in a child process and the limits it runs under; checked by
/// <see cref="ChildProcessRewardOptionsValidator"/>. Give either <see cref="BuiltIn"/> or <see cref="PluginPath"/>
/// with <see cref="TypeName"/>.
/// </summary>
public sealed record ChildProcessRewardOptions
{
    /// <summary>A built-in reward's name (<c>math_verify</c>, ...), as <c>AddBuiltInRewards</c> registers it.</summary>
    public string? BuiltIn { get; init; }

    /// <summary>A reward plug-in assembly, loaded in the child as <c>RewardPluginLoader</c> loads it in process.</summary>
    public string? PluginPath { get; init; }

    /// <summary>The plug-in's reward type, full name.</summary>
    public string? TypeName { get; init; }

    /// <summary>Name in messages; by default the reward's own <c>Name</c>, as the child reports it.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Wall-clock limit for one batch sent to the child (60 s: a verifier takes milliseconds a sample, so a minute for
    /// up to <see cref="MaxBatchSize"/> samples only cuts what is stuck). Past it the child is killed.
    /// </summary>
    public TimeSpan BatchTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Resident memory the child (with any processes it starts) may use, in MB; past it the child is killed. 1024: a
    /// verifier needs tens of MB, the .NET runtime about 40. The child's managed heap is capped lower: 3/4 of it, and at least 64 MB below.
    /// </summary>
    public int MemoryLimitMb { get; init; } = 1024;

    /// <summary>Samples per message to the child (64): a killed batch fails only these.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>How long a (re)started child may take to load the reward (30 s: a cold .NET start on a busy machine).</summary>
    public TimeSpan StartupTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the child's memory is read (20 ms: a reward allocating fast overshoots by little).</summary>
    public TimeSpan MemoryPollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The host, <c>posttrain-reward-host.dll</c>; by default looked for next to the application, then next to
    /// PostTrain.Rewards.dll.
    /// </summary>
    public string? HostPath { get; init; }
}
