using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Tests.Support;

public static class TinyModels
{
    public static CausalLanguageModel Create(ModelFamily family, ScalarType dtype = ScalarType.Float32,
        bool tied = false, long seed = 7)
    {
        var config = RandomModelFactory.Config(family, ModelPresets.Get("tiny"), vocabSize: 96,
            bosTokenId: 1, eosTokenIds: [2], padTokenId: 0, tieWordEmbeddings: tied);
        return RandomModelFactory.Create(config, ModelPlacement.Cpu(dtype), seed);
    }
}
