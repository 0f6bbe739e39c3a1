namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// A tokenizer file (or spec) that PostTrain cannot read. The message names the file and the JSON key at fault.
/// </summary>
public sealed class TokenizerFormatException : Exception
{
    public TokenizerFormatException(string message)
        : base(message)
    {
    }

    public TokenizerFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
