using PostTrain.Learner.Checkpoints;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Optimization;

namespace PostTrain.Learner.Training;

/// <summary>
/// The update step all trainers share: accumulate micro-batch gradients, stop on a non-finite loss or gradient before
/// any weight changes, clip, take the scheduled learning rate, update with AdamW, checkpoint.
/// </summary>
public sealed class TrainingLoop
{
    /// <param name="adapters">With LoRA adapters only they train (and are checkpointed); the base stays frozen.</param>
    public TrainingLoop(ITrainable model, TrainingOptions options, LoraAdapters? adapters = null)
    {
        TrainingOptions.Validate(options);
        Model = model;
        Options = options;
        Adapters = adapters;
        Optimizer = new AdamW(Trainable(), options.Optimizer);
        Schedule = LearningRateSchedule.WithWarmupRatio(options.Schedule, options.Optimizer.LearningRate, options.TotalSteps, options.WarmupRatio);
    }

    public ITrainable Model { get; }
    public LoraAdapters? Adapters { get; }
    public TrainingOptions Options { get; }
    public AdamW Optimizer { get; }
    public LearningRateSchedule Schedule { get; }

    /// <summary>Updates taken so far.</summary>
    public long Step => Optimizer.Step;

    /// <summary>
    /// One update. <paramref name="microBackward"/> runs micro-batch i's backward with its loss already scaled by
    /// 1/k and returns that scaled loss. Returns the update's loss and gradient norm.
    /// </summary>
    public StepResult Update(Func<int, double> microBackward)
    {
        Optimizer.ZeroGradients();
        var loss = 0.0;
        for (var micro = 0; micro < Options.GradientAccumulation; micro++) loss += microBackward(micro);
        if (!double.IsFinite(loss))
        {
            Optimizer.ZeroGradients();
            throw new NonFiniteGradientException($"the loss at step {Step + 1} is {loss}; the step was stopped and no weight changed");
        }
        var parameters = Trainable().Select(p => (p.Name, (TorchSharp.torch.Tensor)p.Parameter)).ToList();
        double norm;
        try
        {
            norm = GradientClipping.ClipGlobalNorm(parameters, Options.MaxGradNorm);
        }
        catch (NonFiniteGradientException)
        {
            Optimizer.ZeroGradients();
            throw;
        }
        var learningRate = Schedule.At(Step);
        Optimizer.Update(learningRate);
        Optimizer.ZeroGradients();
        var result = new StepResult(Step, loss, norm, learningRate);
        if (Options.OutputDirectory is { } output &&
            ((Options.SaveEvery > 0 && Step % Options.SaveEvery == 0) || Step == Options.TotalSteps))
            TrainingCheckpoint.Save(output, Model, Optimizer, new TrainerState(Step, Options.Seed, loss), Adapters);
        return result;
    }

    /// <summary>
    /// One update over <paramref name="items"/> split evenly into the accumulation's micro-batches; each call of
    /// <paramref name="microBackward"/> gets one part and returns its loss, already scaled by 1/k.
    /// </summary>
    public StepResult Update<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, double> microBackward)
    {
        var parts = Options.GradientAccumulation;
        if (items.Count == 0 || items.Count % parts != 0)
            throw new ArgumentException($"{items.Count} items do not split evenly into {parts} micro-batches");
        var size = items.Count / parts;
        return Update(index => microBackward(items.Skip(index * size).Take(size).ToList()));
    }

    /// <summary>Continues from the newest checkpoint in the output folder, if there is one; returns its state.</summary>
    public TrainerState? Resume()
    {
        if (Options.OutputDirectory is null || TrainingCheckpoint.Latest(Options.OutputDirectory) is not { } latest) return null;
        return TrainingCheckpoint.Restore(latest, Model, Optimizer, Adapters);
    }

    IEnumerable<(string Name, TorchSharp.Modules.Parameter Parameter)> Trainable() =>
        Adapters?.NamedParameters() ?? Model.NamedParameters();
}

public sealed record StepResult(long Step, double Loss, double GradientNorm, double LearningRate);
