namespace PostTrain.Core.Generation;

/// <summary>Rejects sampling values that have no meaning, naming the setting and the allowed range.</summary>
public static class SamplingParametersValidator
{
    public static void Validate(SamplingParameters parameters)
    {
        var errors = Errors(parameters).ToList();
        if (errors.Count > 0) throw new ArgumentException("invalid sampling parameters: " + string.Join("; ", errors));
    }

    public static IEnumerable<string> Errors(SamplingParameters p)
    {
        if (!(p.Temperature >= 0) || double.IsInfinity(p.Temperature))
            yield return $"temperature must be a finite number >= 0 (0 = greedy), got {p.Temperature}";
        if (!(p.TopP > 0 && p.TopP <= 1)) yield return $"top_p must be in (0, 1], got {p.TopP}";
        if (p.TopK < 0) yield return $"top_k must be >= 0 (0 = off), got {p.TopK}";
        if (!(p.RepetitionPenalty > 0) || double.IsInfinity(p.RepetitionPenalty))
            yield return $"repetition_penalty must be a finite number > 0 (1 = off), got {p.RepetitionPenalty}";
        if (p.MaxNewTokens <= 0) yield return $"max_new_tokens must be positive, got {p.MaxNewTokens}";
        if (p.StopStrings.Any(string.IsNullOrEmpty)) yield return "stop strings must not be empty";
    }
}
