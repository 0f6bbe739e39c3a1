using Orleans.Placement;

namespace PostTrain.Actors.Placement;

/// <summary>
/// Rollout worker i of a job goes to the i-th (mod n) silo that can host it, silos ordered by address: a job's
/// workers are spread evenly over the worker silos instead of by chance. On one silo it is plain local placement.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class WorkerSpreadPlacement : PlacementStrategy
{
    public static readonly WorkerSpreadPlacement Instance = new();
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class WorkerSpreadPlacementAttribute() : PlacementAttribute(WorkerSpreadPlacement.Instance);
