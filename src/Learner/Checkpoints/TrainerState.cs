namespace PostTrain.Learner.Checkpoints;

/// <summary>What a resumed run needs besides weights and optimizer moments: where it was and how it was seeded.</summary>
public sealed record TrainerState(long Step, long Seed, double LastLoss);
