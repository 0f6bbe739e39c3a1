using PostTrain.Actors.Contracts;

namespace PostTrain.Recipes.Pipelines;

/// <summary>What a main pipeline did: updates taken, its last logged figures, and (RL) the sample accounting.</summary>
public sealed record PipelineOutcome(long Steps, IReadOnlyDictionary<string, double> LastMetrics, RunStateTotals Totals)
{
    public BufferSnapshot? Samples { get; init; }

    /// <summary>True when the run stopped early on request (<see cref="RunOptions.StopAfterStep"/>).</summary>
    public bool Interrupted { get; init; }

    /// <summary>The algorithm's own figures, added to <c>summary.json</c> as they are (Self-Lengthen's lengths).</summary>
    public System.Text.Json.Nodes.JsonObject? Figures { get; init; }
}

public sealed record RunStateTotals(long TokensGenerated, double RolloutSeconds, double LearnerSeconds);
