namespace PostTrain.Recipes.Evaluation;

/// <summary>How held-out prompts are evaluated: k samples each, greedy by default (temperature 0), as verl's validation.</summary>
public sealed record EvaluationOptions
{
    /// <summary>k: samples per prompt, for avg@k and pass@k.</summary>
    public int Samples { get; init; } = 1;

    public double Temperature { get; init; }
    public double TopP { get; init; } = 1.0;
    public int MaxResponseLength { get; init; } = 256;

    /// <summary>A sample counts as correct when its combined reward is at least this.</summary>
    public double PassThreshold { get; init; } = 1.0;

    public long Seed { get; init; }

    /// <summary>Sequences decoded at once.</summary>
    public int BatchSize { get; init; } = 64;

    public IReadOnlyList<int> StopTokenIds { get; init; } = [];

    public static void Validate(EvaluationOptions o)
    {
        if (o.Samples < 1) throw new ArgumentException($"evaluation.samples must be at least 1, got {o.Samples}");
        if (o.Temperature < 0) throw new ArgumentException($"evaluation.temperature must be >= 0, got {o.Temperature}");
        if (o.MaxResponseLength < 1) throw new ArgumentException($"evaluation.max_response_length must be at least 1, got {o.MaxResponseLength}");
        if (o.BatchSize < 1) throw new ArgumentException($"evaluation batch size must be at least 1, got {o.BatchSize}");
    }
}
