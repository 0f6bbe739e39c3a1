namespace PostTrain.Actors.Segments;

/// <summary>
/// Where every sample went, for one step or a whole run. A run loses nothing when started equals trained plus
/// dropped plus what is still in the buffer.
/// </summary>
[GenerateSerializer]
public sealed class SampleAccounting
{
    [Id(0)] public long Started { get; set; }
    [Id(1)] public long Finished { get; set; }
    [Id(2)] public long CarriedOver { get; set; }
    [Id(3)] public long Truncated { get; set; }
    [Id(4)] public long Trained { get; set; }
    [Id(5)] public Dictionary<string, long> Dropped { get; init; } = [];

    /// <summary>Segments decoded again because the step that leased them never reported (a lost worker or controller).</summary>
    [Id(6)] public long SegmentsRedone { get; set; }
    [Id(7)] public long SegmentsDecoded { get; set; }
    [Id(8)] public long RewardFailures { get; set; }

    /// <summary>Of <see cref="Started"/>, the samples of standby groups that started in decode slots freed mid-step.</summary>
    [Id(9)] public long StartedMidStep { get; set; }

    public long DroppedTotal => Dropped.Values.Sum();

    public void Drop(string reason, long count)
    {
        if (count > 0) Dropped[reason] = Dropped.GetValueOrDefault(reason) + count;
    }

    public void Add(SampleAccounting other)
    {
        Started += other.Started;
        Finished += other.Finished;
        CarriedOver += other.CarriedOver;
        Truncated += other.Truncated;
        Trained += other.Trained;
        SegmentsRedone += other.SegmentsRedone;
        SegmentsDecoded += other.SegmentsDecoded;
        RewardFailures += other.RewardFailures;
        StartedMidStep += other.StartedMidStep;
        foreach (var (reason, count) in other.Dropped) Drop(reason, count);
    }
}

public static class DropReasons
{
    public const string ZeroVariance = "zero_variance";
    public const string RewardFailure = "reward_failure";
    public const string Truncated = "truncated_masked";
}
