namespace PostTrain.Core.Generation;

/// <summary>Why a generation call stopped.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end-of-sequence token.</summary>
    Eos,

    /// <summary>A stop token id or stop string of the request appeared.</summary>
    Stop,

    /// <summary>max_new_tokens was reached, or the context is full: the sample is finished, truncated.</summary>
    Length,

    /// <summary>This call's token budget ran out before the sample finished; it can be continued (UloRL segments).</summary>
    Budget,
}

public static class FinishReasonNames
{
    public static string ToWireName(this FinishReason reason) => reason switch
    {
        FinishReason.Eos => "eos",
        FinishReason.Stop => "stop",
        FinishReason.Length => "length",
        _ => "budget",
    };
}
