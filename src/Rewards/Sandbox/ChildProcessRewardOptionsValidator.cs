namespace PostTrain.Rewards.Sandbox;

/// <summary>Rejects child-process reward settings that cannot work, naming the setting and what was expected.</summary>
public static class ChildProcessRewardOptionsValidator
{
    public static void Validate(ChildProcessRewardOptions options)
    {
        var errors = Errors(options).ToList();
        if (errors.Count > 0) throw new ArgumentException("invalid child-process reward options: " + string.Join("; ", errors));
    }

    public static IEnumerable<string> Errors(ChildProcessRewardOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.BuiltIn) == string.IsNullOrWhiteSpace(o.PluginPath))
            yield return "give either built_in (a built-in reward's name) or plugin_path with type_name";
        if (!string.IsNullOrWhiteSpace(o.PluginPath) && string.IsNullOrWhiteSpace(o.TypeName))
            yield return "plugin_path needs type_name, the reward's full type name";
        if (!string.IsNullOrWhiteSpace(o.PluginPath) && !File.Exists(o.PluginPath))
            yield return $"plugin_path '{Path.GetFullPath(o.PluginPath)}' does not exist";
        if (!string.IsNullOrWhiteSpace(o.BuiltIn) && o.TypeName is not null) yield return "type_name goes with plugin_path, not built_in";
        if (o.Name is not null && string.IsNullOrWhiteSpace(o.Name)) yield return "name must not be blank";
        if (!(o.BatchTimeLimit > TimeSpan.Zero && o.BatchTimeLimit <= TimeSpan.FromDays(1)))
            yield return $"batch_time_limit must be positive and at most a day, got {o.BatchTimeLimit.TotalSeconds} s";
        // The child's runtime takes about 40 MB, and its managed heap is capped 64 MB below the limit.
        if (o.MemoryLimitMb < 128) yield return $"memory_limit_mb must be at least 128, got {o.MemoryLimitMb}";
        if (o.MaxBatchSize <= 0) yield return $"max_batch_size must be positive, got {o.MaxBatchSize}";
        if (!(o.StartupTimeLimit > TimeSpan.Zero)) yield return $"startup_time_limit must be positive, got {o.StartupTimeLimit.TotalSeconds} s";
        if (!(o.MemoryPollInterval > TimeSpan.Zero && o.MemoryPollInterval <= TimeSpan.FromSeconds(10)))
            yield return $"memory_poll_interval must be in (0, 10 s], got {o.MemoryPollInterval.TotalMilliseconds} ms";
        if (o.HostPath is not null && !File.Exists(o.HostPath)) yield return $"host_path '{Path.GetFullPath(o.HostPath)}' does not exist";
    }
}
