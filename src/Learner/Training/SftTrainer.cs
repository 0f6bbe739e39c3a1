using PostTrain.Core.Seeding;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Batches;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Planning;
using PostTrain.Modeling.Architecture;

namespace PostTrain.Learner.Training;

/// <summary>Supervised fine-tuning on prompt/completion pairs, the loss on completion tokens only.</summary>
public sealed class SftTrainer
{
    public SftTrainer(CausalLanguageModel model, SftOptions options)
        : this(model, options, options.Lora is null ? null : LoraAdapters.Attach(model, options.Lora))
    {
    }

    /// <summary>Trains adapters already on the model (for example one set of a <see cref="LoraAdapterBank"/>); they must be attached.</summary>
    public SftTrainer(CausalLanguageModel model, SftOptions options, LoraAdapters? adapters)
        : this(model, options, new TrainablePolicy(model), adapters)
    {
    }

    /// <summary>
    /// Trains every parameter of <paramref name="trainable"/>, which holds <paramref name="model"/>'s and may hold
    /// more (a vision encoder whose embeddings the sequences' prompt embeddings compute).
    /// </summary>
    public SftTrainer(CausalLanguageModel model, SftOptions options, ITrainable trainable, LoraAdapters? adapters = null)
    {
        if (adapters is { IsAttached: false }) throw new ArgumentException("the adapters to train must be attached to the model", nameof(adapters));
        Options = options;
        Model = model;
        Loop = new TrainingLoop(trainable, options.Training, adapters);
    }

    public SftOptions Options { get; }
    public CausalLanguageModel Model { get; }
    public TrainingLoop Loop { get; }

    /// <summary>Trains on the dataset from where the loop stands (0, or a resumed step) to the total step count.</summary>
    public IReadOnlyList<StepResult> Train(IReadOnlyList<TrainingSequence> dataset, Action<StepResult>? onStep = null)
    {
        var results = new List<StepResult>();
        while (Loop.Step < Options.Training.TotalSteps)
        {
            var result = Step(BatchAt(dataset, Loop.Step));
            results.Add(result);
            onStep?.Invoke(result);
        }
        return results;
    }

    public StepResult Step(IReadOnlyList<TrainingSequence> batch)
    {
        var micro = Options.Training.GradientAccumulation;
        MemoryGuard.Check(Model.Config, ObjectiveKind.Sft, Math.Max(1, batch.Count / micro), batch.Max(s => s.Length), Options.Training.Backward,
            Options.Training.MemoryBudgetBytes, Loop.Adapters?.NamedParameters().Sum(p => p.Parameter.NumberOfElements));
        return Loop.Update(batch, part =>
        {
            using var tokens = Build(part);
            var objective = new ScaledObjective(new SftObjective(tokens, Options.PerDocumentLoss), 1.0 / micro);
            return SequenceBackward.Run(Model, tokens, objective, Options.Training.Backward);
        });
    }

    /// <summary>The batch of update <paramref name="step"/>: a seeded shuffle per epoch, so a resumed run sees the same data.</summary>
    public IReadOnlyList<TrainingSequence> BatchAt(IReadOnlyList<TrainingSequence> dataset, long step)
    {
        var perEpoch = Math.Max(1, dataset.Count / Options.BatchSize);
        var epoch = step / perEpoch;
        var order = Enumerable.Range(0, dataset.Count).ToArray();
        new Random(StableSeed.Of(Options.Training.Seed, epoch)).Shuffle(order);
        var start = (int)(step % perEpoch) * Options.BatchSize;
        return Enumerable.Range(start, Options.BatchSize).Select(i => dataset[order[i % order.Length]]).ToList();
    }

    TokenBatch Build(IReadOnlyList<TrainingSequence> sequences) =>
        Options.PackingLength is { } length
            ? TokenBatchBuilder.Packed(SequencePacker.Pack(sequences, length), Model.Placement.Device)
            : TokenBatchBuilder.Padded(sequences, Model.Placement.Device);
}
