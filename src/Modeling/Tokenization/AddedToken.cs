namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// A token matched whole in the input before pre-tokenization (Hugging Face <c>added_tokens</c>).
/// Special ones are dropped by <c>Decode(..., skipSpecialTokens: true)</c>.
/// </summary>
public sealed record AddedToken(int Id, string Content, bool Special);
