using System.Text.Json;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Modeling.Checkpoints;
using static TorchSharp.torch;

namespace PostTrain.Learner.Checkpoints;

/// <summary>
/// A resumable checkpoint, <c>checkpoint-STEP/</c> under the run's output folder: the model in Hugging Face layout,
/// <c>optimizer.safetensors</c> (AdamW moments), <c>rng_state.safetensors</c>, <c>trainer_state.json</c>
/// and, with LoRA, the adapters in PEFT layout under <c>adapter/</c>. It is
/// written in a staging folder and renamed into place, then <c>latest</c> is updated atomically, so a crash at any
/// moment leaves the previous checkpoint whole and <c>latest</c> pointing at a complete one.
/// </summary>
public static class TrainingCheckpoint
{
    public const string LatestFile = "latest";
    const string OptimizerFile = "optimizer.safetensors";
    const string RandomFile = "rng_state.safetensors";
    const string StateFile = "trainer_state.json";
    const string AdapterFolder = "adapter";

    /// <param name="writeExtra">Writes more files into the checkpoint before it is renamed into place (a pipeline's own state).</param>
    public static string Save(string outputDirectory, ITrainable model, AdamW optimizer, TrainerState state,
        LoraAdapters? adapters = null, Action<string>? writeExtra = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var name = $"checkpoint-{state.Step}";
        var final = Path.Combine(outputDirectory, name);
        var staging = Path.Combine(outputDirectory, $".{name}.partial-{Guid.NewGuid():N}");
        try
        {
            model.Save(staging);
            if (adapters is not null) PeftAdapterFiles.Save(adapters, Path.Combine(staging, AdapterFolder));
            SafetensorsWriter.Write(Path.Combine(staging, OptimizerFile), optimizer.State().ToList(),
                new Dictionary<string, string> { ["format"] = "pt", ["step"] = optimizer.Step.ToString() });
            SafetensorsWriter.Write(Path.Combine(staging, RandomFile), [("torch", get_rng_state())]);
            AtomicFile.WriteText(Path.Combine(staging, StateFile), JsonSerializer.Serialize(state));
            writeExtra?.Invoke(staging);
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(staging, final);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        AtomicFile.WriteText(Path.Combine(outputDirectory, LatestFile), name);
        return final;
    }

    /// <summary>The newest complete checkpoint under <paramref name="outputDirectory"/>, or null.</summary>
    public static string? Latest(string outputDirectory)
    {
        var pointer = Path.Combine(outputDirectory, LatestFile);
        if (!File.Exists(pointer)) return null;
        var directory = Path.Combine(outputDirectory, File.ReadAllText(pointer).Trim());
        return Directory.Exists(directory) ? directory : null;
    }

    /// <summary>Restores weights (into the existing model), optimizer moments and the random state; returns the state.</summary>
    public static TrainerState Restore(string checkpoint, ITrainable model, AdamW optimizer, LoraAdapters? adapters = null)
    {
        model.Restore(checkpoint);
        if (adapters is not null)
        {
            var adapterFile = SafetensorsFile.Open(Path.Combine(checkpoint, AdapterFolder, PeftAdapterFiles.WeightsFile));
            adapters.Load(adapterFile.Entries.Keys.ToDictionary(name => name, adapterFile.Read), adapterFile.Path);
        }

        var optimizerFile = SafetensorsFile.Open(Path.Combine(checkpoint, OptimizerFile));
        var moments = optimizerFile.Entries.Keys.ToDictionary(name => name, optimizerFile.Read);
        var step = long.Parse(optimizerFile.Metadata.GetValueOrDefault("step", "0"));
        optimizer.LoadState(step, moments);
        set_rng_state(SafetensorsFile.Open(Path.Combine(checkpoint, RandomFile)).Read("torch"));

        var statePath = Path.Combine(checkpoint, StateFile);
        return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(statePath))
               ?? throw new InvalidDataException($"{statePath}: empty trainer state");
    }
}
