namespace PostTrain.Modeling.Scoring;

/// <summary>A sequence to score: the tokens at positions <see cref="ScoreFrom"/>.. are scored given all before them.</summary>
public sealed record ScoringRequest(IReadOnlyList<int> Ids, int ScoreFrom);

/// <summary>Per scored token: its log-probability and the entropy of the distribution it was drawn from.</summary>
public sealed record TokenScores(float[] LogProbs, float[] Entropies);
