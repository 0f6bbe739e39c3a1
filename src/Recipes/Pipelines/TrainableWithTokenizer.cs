using PostTrain.Learner.Training;
using Parameter = TorchSharp.Modules.Parameter;

namespace PostTrain.Recipes.Pipelines;

/// <summary>A trainable model whose saved folders also hold the tokenizer files, so each checkpoint loads on its own.</summary>
internal sealed class TrainableWithTokenizer(ITrainable inner, string tokenizerDirectory) : ITrainable
{
    static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters() => inner.NamedParameters();

    public void Save(string directory)
    {
        inner.Save(directory);
        foreach (var name in TokenizerFiles)
        {
            var source = Path.Combine(tokenizerDirectory, name);
            if (File.Exists(source)) File.Copy(source, Path.Combine(directory, name), overwrite: true);
        }
    }

    public void Restore(string directory) => inner.Restore(directory);
}
