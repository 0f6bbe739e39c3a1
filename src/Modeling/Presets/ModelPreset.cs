namespace PostTrain.Modeling.Presets;

/// <summary>Layer sizes for <c>init-model</c>; the vocabulary comes from the tokenizer.</summary>
public sealed record ModelPreset(
    string Name,
    string Description,
    int HiddenSize,
    int IntermediateSize,
    int Layers,
    int Heads,
    int KeyValueHeads,
    int HeadDim,
    int MaxPositionEmbeddings);
