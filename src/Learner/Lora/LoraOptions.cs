namespace PostTrain.Learner.Lora;

/// <summary>
/// LoRA settings (PEFT's LoraConfig). Defaults follow TECHNIQUES section 8's long chain-of-thought recipe except the
/// rank (PEFT's 8; that recipe sets 64): all linear layers of attention and MLP, alpha 16, dropout 0.05.
/// </summary>
public sealed record LoraOptions
{
    public static readonly IReadOnlyList<string> AllLinear = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    public int Rank { get; init; } = 8;
    public double Alpha { get; init; } = 16;
    public double Dropout { get; init; } = 0.05;
    public IReadOnlyList<string> TargetModules { get; init; } = AllLinear;

    public double Scaling => Alpha / Rank;

    public static void Validate(LoraOptions o)
    {
        if (o.Rank <= 0) throw new ArgumentException($"lora rank must be positive, got {o.Rank}");
        if (!(o.Alpha > 0)) throw new ArgumentException($"lora alpha must be > 0, got {o.Alpha}");
        if (!(o.Dropout is >= 0 and < 1)) throw new ArgumentException($"lora dropout must be in [0, 1), got {o.Dropout}");
        var unknown = o.TargetModules.Except(AllLinear).ToList();
        if (o.TargetModules.Count == 0 || unknown.Count > 0)
            throw new ArgumentException($"lora target modules must be some of {string.Join(", ", AllLinear)}; got {string.Join(", ", o.TargetModules)}");
    }
}
