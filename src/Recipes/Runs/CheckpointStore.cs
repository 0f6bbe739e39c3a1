using System.Text.Json;
using PostTrain.Learner.Checkpoints;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;

namespace PostTrain.Recipes.Runs;

/// <summary>
/// A run's checkpoints: <see cref="TrainingCheckpoint"/> folders (written atomically) that also hold
/// <c>run_state.json</c> and any pipeline files, keeping the newest <c>checkpoints.keep</c>.
/// </summary>
public sealed class CheckpointStore(string directory, int keep)
{
    const string RunStateFile = "run_state.json";

    public string Directory => directory;

    public string? Latest => TrainingCheckpoint.Latest(directory);

    public string Save(ITrainable model, AdamW optimizer, long seed, double loss, RunState state, LoraAdapters? adapters = null,
        Action<string>? writeExtra = null)
    {
        var path = TrainingCheckpoint.Save(directory, model, optimizer, new TrainerState(state.Step, seed, loss), adapters, staging =>
        {
            File.WriteAllText(Path.Combine(staging, RunStateFile), JsonSerializer.Serialize(state));
            writeExtra?.Invoke(staging);
        });
        Prune(path);
        return path;
    }

    /// <summary>Restores weights, moments and random state from <paramref name="checkpoint"/>; returns its run state.</summary>
    public static RunState Restore(string checkpoint, ITrainable model, AdamW optimizer, LoraAdapters? adapters = null)
    {
        TrainingCheckpoint.Restore(checkpoint, model, optimizer, adapters);
        return ReadState(checkpoint);
    }

    public static RunState ReadState(string checkpoint)
    {
        var path = Path.Combine(checkpoint, RunStateFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{checkpoint} has no {RunStateFile}: it was not written by posttrain train");
        return JsonSerializer.Deserialize<RunState>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty run state");
    }

    void Prune(string newest)
    {
        var old = System.IO.Directory.GetDirectories(directory, "checkpoint-*")
            .Select(d => (Path: d, Step: long.TryParse(Path.GetFileName(d)["checkpoint-".Length..], out var s) ? s : -1))
            .Where(d => d.Step >= 0 && d.Path != newest)
            .OrderByDescending(d => d.Step)
            .Skip(keep - 1);
        foreach (var (path, _) in old) System.IO.Directory.Delete(path, recursive: true);
    }
}
