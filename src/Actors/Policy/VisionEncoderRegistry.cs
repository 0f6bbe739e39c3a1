using System.Collections.Concurrent;
using PostTrain.Modeling.Vision;
using static TorchSharp.torch;

namespace PostTrain.Actors.Policy;

/// <summary>
/// The vision encoders published in this process, per job and version: frozen copies that frame-encoder grains run
/// (MR-SP's vision tower gets no RL gradient). The newest two versions per job are kept.
/// </summary>
public static class VisionEncoderRegistry
{
    static readonly ConcurrentDictionary<string, ConcurrentDictionary<long, VisionEncoder>> Jobs = new();

    /// <summary>Publishes a frozen copy of <paramref name="encoder"/>'s current weights as <paramref name="version"/>.</summary>
    public static void Publish(string jobId, long version, VisionEncoder encoder)
    {
        var versions = Jobs.GetOrAdd(jobId, _ => new ConcurrentDictionary<long, VisionEncoder>());
        if (versions.Keys.Any(v => v >= version))
            throw new ArgumentException($"vision encoder version {version} of job '{jobId}' is not newer than the published {versions.Keys.Max()}");
        var copy = new VisionEncoder(encoder.Config, encoder.Placement);
        using (no_grad())
        {
            var source = encoder.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, parameter) in copy.named_parameters())
            {
                parameter.copy_(source[name]);
                parameter.requires_grad = false;
            }
        }
        copy.eval();
        versions[version] = copy;
        // An encoder in use by a shard right now stays alive through its reference; GC frees it after.
        foreach (var old in versions.Keys.OrderDescending().Skip(2)) versions.TryRemove(old, out _);
    }

    /// <summary>Publishes <paramref name="encoder"/> as the job's next version (one past the newest in this process) and returns it.</summary>
    public static long PublishNext(string jobId, VisionEncoder encoder)
    {
        lock (Jobs)
        {
            var version = (Latest(jobId) ?? 0) + 1;
            Publish(jobId, version, encoder);
            return version;
        }
    }

    public static VisionEncoder Get(string jobId, long version) =>
        Jobs.TryGetValue(jobId, out var versions) && versions.TryGetValue(version, out var encoder)
            ? encoder
            : throw new InvalidOperationException($"job '{jobId}' has no vision encoder version {version} in this process; publish it first");

    public static long? Latest(string jobId) =>
        Jobs.TryGetValue(jobId, out var versions) && !versions.IsEmpty ? versions.Keys.Max() : null;
}
