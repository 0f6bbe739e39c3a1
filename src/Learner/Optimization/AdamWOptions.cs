namespace PostTrain.Learner.Optimization;

/// <summary>AdamW settings; defaults are PyTorch's and Hugging Face Trainer's, except the learning rate.</summary>
public sealed record AdamWOptions
{
    /// <summary>Peak learning rate (after warm-up). 1e-6 is UloRL's; SFT recipes usually set 1e-5 to 2e-5, LoRA 1e-4.</summary>
    public double LearningRate { get; init; } = 1e-6;

    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Decoupled weight decay on matrices; biases, norms and embeddings are never decayed.</summary>
    public double WeightDecay { get; init; }

    public static void Validate(AdamWOptions o)
    {
        if (!(o.LearningRate > 0)) throw new ArgumentException($"learning_rate must be > 0, got {o.LearningRate}");
        if (!(o.Beta1 is >= 0 and < 1) || !(o.Beta2 is >= 0 and < 1))
            throw new ArgumentException($"betas must be in [0, 1), got {o.Beta1}, {o.Beta2}");
        if (!(o.Epsilon > 0)) throw new ArgumentException($"epsilon must be > 0, got {o.Epsilon}");
        if (!(o.WeightDecay >= 0)) throw new ArgumentException($"weight_decay must be >= 0, got {o.WeightDecay}");
    }
}
