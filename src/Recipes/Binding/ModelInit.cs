namespace PostTrain.Recipes.Binding;

/// <summary><c>model.init</c>: a random-initialised model, as <c>posttrain init-model</c> writes it.</summary>
public sealed record ModelInit(string Arch, string Preset, string Tokenizer, int Seed);
