using PostTrain.Actors.Contracts;

namespace PostTrain.Actors.Segments;

/// <summary>Everything a job's rollout buffer persists: nothing here may be lost when its grain or silo goes away.</summary>
[GenerateSerializer]
public sealed class RolloutBufferState
{
    [Id(0)] public RolloutSettings? Settings { get; set; }
    [Id(1)] public List<RolloutPrompt> Waiting { get; init; } = [];
    [Id(2)] public Dictionary<string, RolloutGroup> Groups { get; init; } = [];
    [Id(3)] public Dictionary<string, RolloutSample> Samples { get; init; } = [];

    /// <summary>The step in progress (or last completed), -1 before the first.</summary>
    [Id(4)] public long Step { get; set; } = -1;

    /// <summary>Samples whose segment for <see cref="Step"/> was handed out and not yet reported back.</summary>
    [Id(5)] public List<string> Leased { get; init; } = [];
    [Id(6)] public bool StepCompleted { get; set; }
    [Id(7)] public SampleAccounting Run { get; set; } = new();
    [Id(8)] public SampleAccounting CurrentStep { get; set; } = new();

    /// <summary>The last completed step's report, kept so that asking again (after a lost reply) returns the same groups.</summary>
    [Id(9)] public StepReport? LastReport { get; set; }
    [Id(10)] public long PromptsAdded { get; set; }
    [Id(11)] public long GroupsStarted { get; set; }

    /// <summary>
    /// Groups taken from <see cref="Waiting"/> for the step in progress whose members start only if a decode slot
    /// frees up mid-step; a group moves to <see cref="Groups"/> when one member decodes a token, and the rest go back
    /// to the front of <see cref="Waiting"/> when the step closes.
    /// </summary>
    [Id(12)] public List<RolloutGroup> Standby { get; init; } = [];
}
