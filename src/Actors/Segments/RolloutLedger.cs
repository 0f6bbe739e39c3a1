using PostTrain.Actors.Contracts;
using PostTrain.Core.Generation;

namespace PostTrain.Actors.Segments;

/// <summary>
/// The rules of segment rollout (TECHNIQUES section 2) over a buffer's state, apart from Orleans so they can be
/// tested alone. Every operation is idempotent for its step: repeating a call after a lost reply changes nothing.
/// </summary>
public sealed class RolloutLedger(RolloutBufferState state)
{
    public RolloutBufferState State => state;

    RolloutSettings Settings => state.Settings ?? throw new InvalidOperationException("the rollout buffer has no settings yet; call ConfigureAsync first");

    public void Configure(RolloutSettings settings)
    {
        RolloutSettings.Validate(settings);
        if (state.Settings is { } current && current.GroupSize != settings.GroupSize && state.Groups.Count > 0)
            throw new InvalidOperationException($"group size cannot change from {current.GroupSize} to {settings.GroupSize} while groups are in flight");
        state.Settings = settings;
    }

    public void AddPrompts(IEnumerable<RolloutPrompt> prompts)
    {
        var added = prompts.ToList();
        var known = state.Groups.Keys.Concat(state.Waiting.Select(w => w.Id)).Concat(state.Standby.Select(g => g.Prompt.Id)).ToHashSet();
        foreach (var prompt in added)
        {
            if (prompt.PromptIds.Length == 0) throw new ArgumentException($"prompt '{prompt.Id}' has no tokens");
            if (prompt.ForcedLengths is { } forced && (forced.Length != Settings.GroupSize || forced.Any(n => n < 1)))
                throw new ArgumentException($"prompt '{prompt.Id}' must force {Settings.GroupSize} positive lengths, got [{string.Join(", ", forced)}]");
            if (!known.Add(prompt.Id)) throw new ArgumentException($"prompt id '{prompt.Id}' is already in the buffer");
        }
        // Checked first, changed after: a rejected batch leaves the buffer as it was.
        state.Waiting.AddRange(added);
        state.PromptsAdded += added.Count;
    }

    /// <summary>
    /// Starts step <paramref name="step"/>: unfinished samples first, then new groups while they fit in
    /// active_samples, then standby groups (refill_samples of them, with segments) whose members start in decode slots
    /// that free up mid-step; a standby group counts as started once one of its members decodes a token. Segments
    /// leased by an earlier step that never reported are handed out again.
    /// </summary>
    public IReadOnlyList<SegmentTask> BeginStep(long step)
    {
        if (step == state.Step && !state.StepCompleted) return LeasedTasks();
        if (step <= state.Step) throw new InvalidOperationException($"step {step} was already run (the buffer is at step {state.Step})");

        // Segments of a step that never completed (its controller died) are decoded again from the same prefix.
        var redone = state.StepCompleted ? 0 : state.Leased.Count(state.Samples.ContainsKey);
        state.Run.SegmentsRedone += redone;
        state.Leased.Clear();
        ReturnStandby();
        state.Step = step;
        state.StepCompleted = false;
        state.CurrentStep = new SampleAccounting { SegmentsRedone = redone };

        var unfinished = InOrder(state.Samples.Values.Where(s => !s.Finished)).Select(s => s.Id).ToList();
        state.Leased.AddRange(unfinished);
        while (state.Waiting.Count > 0 && state.Leased.Count + Settings.GroupSize <= Settings.ActiveSamples)
            state.Leased.AddRange(Start(NextGroup(step)));
        while (state.Waiting.Count > 0 && (state.Standby.Count + 1) * Settings.GroupSize <= Settings.StandbySamples)
        {
            var group = NextGroup(step);
            state.Standby.Add(group);
            state.Leased.AddRange(group.SampleIds);
        }
        return LeasedTasks();
    }

    RolloutGroup NextGroup(long step)
    {
        var prompt = state.Waiting[0];
        state.Waiting.RemoveAt(0);
        var group = new RolloutGroup { Prompt = prompt, StartedAtStep = step, Sequence = state.GroupsStarted++ };
        group.SampleIds.AddRange(Enumerable.Range(0, Settings.GroupSize).Select(member => SampleId(prompt, member)));
        return group;
    }

    static string SampleId(RolloutPrompt prompt, int member) => $"{prompt.Id}#{member}";

    IEnumerable<string> Start(RolloutGroup group)
    {
        for (var member = 0; member < group.SampleIds.Count; member++)
            state.Samples.Add(group.SampleIds[member], NewSample(group.Prompt, member));
        state.Groups.Add(group.Prompt.Id, group);
        state.CurrentStep.Started += group.SampleIds.Count;
        state.Run.Started += group.SampleIds.Count;
        return group.SampleIds;
    }

    void StartFromStandby(RolloutGroup group)
    {
        state.Standby.Remove(group);
        Start(group);
        state.CurrentStep.StartedMidStep += group.SampleIds.Count;
        state.Run.StartedMidStep += group.SampleIds.Count;
    }

    RolloutSample NewSample(RolloutPrompt prompt, int member) => new()
    {
        Id = SampleId(prompt, member),
        GroupId = prompt.Id,
        Member = member,
        Seed = SampleSeed(Settings.Seed, prompt.Id, member),
        MaxNewTokens = Math.Min(prompt.ForcedLengths?[member] ?? int.MaxValue, Settings.MaxResponseLength),
    };

    // Standby prompts that no freed slot took go back to the front of the queue, in order: they never started.
    void ReturnStandby()
    {
        state.Waiting.InsertRange(0, state.Standby.Select(g => g.Prompt));
        state.Standby.Clear();
    }

    RolloutGroup? StandbyGroupOf(string sampleId) => state.Standby.FirstOrDefault(g => g.SampleIds.Contains(sampleId));

    IReadOnlyList<SegmentTask> LeasedTasks() => state.Leased.Select(id => state.Samples.TryGetValue(id, out var sample)
        ? TaskFor(sample, state.Groups[sample.GroupId].Prompt)
        : StandbyGroupOf(id) is { } group ? TaskFor(NewSample(group.Prompt, group.SampleIds.IndexOf(id)), group.Prompt)
        : throw new InvalidOperationException($"leased sample '{id}' is neither in the buffer nor on standby")).ToList();

    SegmentTask TaskFor(RolloutSample sample, RolloutPrompt prompt) => new()
    {
        SampleId = sample.Id,
        SegmentIndex = sample.Segments.Count,
        PromptIds = prompt.PromptIds,
        Video = prompt.Video,
        PrefixIds = sample.TokenIds.ToArray(),
        Budget = Math.Min(Settings.SegmentLength, sample.MaxNewTokens - sample.TokenIds.Count),
        MaxNewTokens = sample.MaxNewTokens,
        Seed = sample.Seed,
        Sampling = Settings.Sampling,
    };

    /// <summary>
    /// Applies decoded segments of step <paramref name="step"/>; a repeated or stale outcome is ignored. A segment that
    /// decoded nothing (its sample waited for a slot all step) only returns the lease. Returns how many were taken.
    /// </summary>
    public int CompleteSegments(long step, IEnumerable<SegmentOutcome> outcomes)
    {
        if (step != state.Step || state.StepCompleted) return 0;
        var taken = 0;
        foreach (var outcome in outcomes)
        {
            var unstarted = outcome.TokenIds.Length == 0 && outcome.Finish == FinishReason.Budget;
            if (!state.Samples.TryGetValue(outcome.SampleId, out var sample))
            {
                if (StandbyGroupOf(outcome.SampleId) is not { } group || outcome.SegmentIndex != 0 || !state.Leased.Contains(outcome.SampleId)) continue;
                if (unstarted)
                {
                    state.Leased.Remove(outcome.SampleId);
                    taken++;
                    continue;
                }
                StartFromStandby(group);
                sample = state.Samples[outcome.SampleId];
            }
            if (sample.Finished || outcome.SegmentIndex != sample.Segments.Count || !state.Leased.Remove(sample.Id)) continue;
            taken++;
            if (!unstarted) Apply(sample, outcome, step);
        }
        return taken;
    }

    void Apply(RolloutSample sample, SegmentOutcome outcome, long step)
    {
        if (outcome.TokenIds.Length != outcome.LogProbs.Length)
            throw new ArgumentException($"segment of '{sample.Id}' has {outcome.TokenIds.Length} tokens but {outcome.LogProbs.Length} log-probs");
        sample.TokenIds.AddRange(outcome.TokenIds);
        sample.LogProbs.AddRange(outcome.LogProbs);
        sample.Segments.Add(new SegmentRecord { Step = step, PolicyVersion = outcome.PolicyVersion, Tokens = outcome.TokenIds.Length });
        state.CurrentStep.SegmentsDecoded++;
        state.Run.SegmentsDecoded++;
        if (outcome.Finish == FinishReason.Budget && sample.TokenIds.Count < sample.MaxNewTokens) return;

        sample.Finish = outcome.Finish;
        // A sample that reaches max_response_length without ending is truncated; one that reaches a shorter forced
        // length ended as if by end-of-sequence.
        sample.Truncated = sample.TokenIds.Count >= Settings.MaxResponseLength && outcome.Finish is FinishReason.Length or FinishReason.Budget;
        state.CurrentStep.Finished++;
        state.Run.Finished++;
        if (!sample.Truncated) return;
        state.CurrentStep.Truncated++;
        state.Run.Truncated++;
    }

    /// <summary>Finished samples without a reward yet.</summary>
    public IEnumerable<RolloutSample> Unscored() => InOrder(state.Samples.Values.Where(s => s.Finished && s.Reward is null));

    IEnumerable<RolloutSample> InOrder(IEnumerable<RolloutSample> samples) =>
        samples.OrderBy(s => state.Groups[s.GroupId].Sequence).ThenBy(s => s.Member);

    public RolloutPrompt PromptOf(RolloutSample sample) => state.Groups[sample.GroupId].Prompt;

    public void RecordRewards(IEnumerable<RewardRecord> rewards)
    {
        foreach (var reward in rewards)
        {
            if (!state.Samples.TryGetValue(reward.SampleId, out var sample) || !sample.Finished || sample.Reward is not null) continue;
            sample.Reward = reward;
            if (!reward.Failed) continue;
            state.CurrentStep.RewardFailures++;
            state.Run.RewardFailures++;
        }
    }

    /// <summary>
    /// Closes the step once every leased segment reported: carried-over samples are counted, complete groups leave
    /// for training (after the truncation, reward-failure and dynamic-sampling rules). Asking again returns the same report.
    /// </summary>
    public StepReport CompleteStep(long step)
    {
        if (state.StepCompleted && state.LastReport is { } last && last.Step == step) return last;
        if (step != state.Step) throw new InvalidOperationException($"step {step} is not the step in progress ({state.Step})");
        if (state.Leased.Count > 0)
            throw new InvalidOperationException($"step {step} still has {state.Leased.Count} segments out, e.g. '{state.Leased[0]}'");
        if (Unscored().FirstOrDefault() is { } unscored)
            throw new InvalidOperationException($"sample '{unscored.Id}' finished but has no reward yet");
        ReturnStandby();

        var carried = state.Samples.Values.Count(s => !s.Finished);
        state.CurrentStep.CarriedOver += carried;
        state.Run.CarriedOver += carried;
        var groups = new List<TrainingGroup>();
        foreach (var group in state.Groups.Values.Where(IsComplete).OrderBy(g => g.Sequence).ToList())
        {
            var selected = GroupSelector.Select(group, group.SampleIds.Select(id => state.Samples[id]).ToList(), Settings, state.CurrentStep);
            if (selected is not null) groups.Add(selected);
            foreach (var id in group.SampleIds) state.Samples.Remove(id);
            state.Groups.Remove(group.Prompt.Id);
        }
        foreach (var (reason, count) in state.CurrentStep.Dropped) state.Run.Drop(reason, count);
        state.Run.Trained += state.CurrentStep.Trained;

        var current = state.CurrentStep;
        state.StepCompleted = true;
        state.LastReport = new StepReport
        {
            Step = step,
            Groups = groups.ToArray(),
            Started = current.Started,
            Finished = current.Finished,
            CarriedOver = current.CarriedOver,
            Truncated = current.Truncated,
            StartedMidStep = current.StartedMidStep,
            Dropped = new Dictionary<string, long>(current.Dropped),
            SegmentsRedone = current.SegmentsRedone,
            RewardFailures = current.RewardFailures,
        };
        return state.LastReport;
    }

    bool IsComplete(RolloutGroup group) => group.SampleIds.All(id => state.Samples[id] is { Finished: true, Reward: not null });

    public BufferSnapshot Snapshot() => new()
    {
        WaitingPrompts = state.Waiting.Count + state.Standby.Count,
        UnfinishedSamples = state.Samples.Values.Count(s => !s.Finished),
        FinishedSamples = state.Samples.Values.Count(s => s.Finished),
        Started = state.Run.Started,
        Finished = state.Run.Finished,
        CarriedOver = state.Run.CarriedOver,
        Truncated = state.Run.Truncated,
        Trained = state.Run.Trained,
        Dropped = new Dictionary<string, long>(state.Run.Dropped),
        SegmentsRedone = state.Run.SegmentsRedone,
        LastStep = state.Step,
        StartedMidStep = state.Run.StartedMidStep,
    };

    /// <summary>A stable seed per (run seed, prompt, member): the same sample draws the same tokens wherever it is decoded.</summary>
    public static long SampleSeed(long runSeed, string promptId, int member)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(promptId))
            hash = (hash ^ b) * 1099511628211UL;
        hash = (hash ^ (ulong)member) * 1099511628211UL;
        return (long)(hash ^ (ulong)runSeed * 0x9E3779B97F4A7C15UL) & long.MaxValue;
    }
}
