namespace PostTrain.Recipes.Pipelines;

/// <summary>How <c>posttrain train</c> was asked to run a recipe.</summary>
public sealed record RunOptions
{
    /// <summary>The run folder; null = <c>runs/NAME</c>.</summary>
    public string? Out { get; init; }

    /// <summary>Continue from the newest checkpoint in the run folder.</summary>
    public bool Resume { get; init; }

    /// <summary>Progress bars (a terminal) instead of plain lines.</summary>
    public bool Interactive { get; init; }

    /// <summary>Stop after this update as if the process had been killed (tests of resume use it).</summary>
    public long? StopAfterStep { get; init; }

    /// <summary>Evaluate the starting model before training (a study that compares runs from one start does it once).</summary>
    public bool EvaluateBefore { get; init; } = true;
}
