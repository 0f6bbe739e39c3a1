using PostTrain.Actors.Contracts;
using PostTrain.Learner.Lora;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Configuration;
using PostTrain.Modeling.Presets;
using PostTrain.Modeling.Tokenization;
using PostTrain.Recipes.LongGeneration;
using PostTrain.Recipes.Pipelines;
using static TorchSharp.torch;

namespace PostTrain.Recipes.Tests.LongGeneration;

/// <summary>Self-Lengthen's roles write with whichever adapter set is active, and with no other.</summary>
public sealed class RoleWriterTests
{
    static readonly LoraOptions Lora = new() { Rank = 4, Alpha = 8, Dropout = 0 };
    static readonly ITextTokenizer Tokenizer = TokenizerFactory.Load("builtin");
    static readonly WritingRequest[] Requests =
    [
        new(SelfLengthenPrompts.Generator("Write a story about a night train."), "", 1),
        new(SelfLengthenPrompts.Extender("Write a letter about an old clock.", "The clock stopped."), "The clock ", 2),
    ];

    [Fact]
    public void EachRoleWritesExactlyWhatAModelWithOnlyItsAdaptersWrites()
    {
        using var model = Model();
        var bank = LoraAdapterBank.Create(model, Lora, [SelfLengthenRoles.Generator, SelfLengthenRoles.Extender]);
        Randomise(bank[SelfLengthenRoles.Generator], seed: 1);
        Randomise(bank[SelfLengthenRoles.Extender], seed: 2);
        var writer = Writer(model);

        var baseTexts = Texts(writer.Write(Requests));
        bank.Activate(SelfLengthenRoles.Generator);
        var generator = Texts(writer.Write(Requests));
        bank.Activate(SelfLengthenRoles.Extender);
        var extender = Texts(writer.Write(Requests));
        bank.Activate(SelfLengthenRoles.Generator);
        var generatorAgain = Texts(writer.Write(Requests));

        Assert.Equal(Alone(bank[SelfLengthenRoles.Generator]), generator);
        Assert.Equal(Alone(bank[SelfLengthenRoles.Extender]), extender);
        Assert.Equal(generator, generatorAgain);
        Assert.NotEqual(generator, extender);
        Assert.NotEqual(baseTexts, generator);
        Assert.All(extender.Zip(Requests), x => Assert.StartsWith(x.Second.Start, x.First, StringComparison.Ordinal));
    }

    static string[] Alone(LoraAdapters set)
    {
        using var model = Model();
        LoraAdapters.Attach(model, Lora).Load(set.NamedParameters().ToDictionary(p => p.Name, p => (Tensor)p.Parameter), "bank");
        return Texts(Writer(model).Write(Requests));
    }

    static CausalLanguageModel Model()
    {
        set_num_threads(2);
        var config = RandomModelFactory.Config(ModelFamily.Qwen2, ModelPresets.Get("tiny"), Tokenizer.VocabSize, null, [], null, false)
            with { InitializerRange = 0.1 };
        return RandomModelFactory.Create(config, ModelPlacement.Cpu(), 5);
    }

    static RoleWriter Writer(CausalLanguageModel model) => new(model, new ChatEncoder(Tokenizer), new SamplingSpec { Temperature = 0 }, 24, 4);

    static string[] Texts(IReadOnlyList<WrittenText> texts) => texts.Select(t => t.Text).ToArray();

    static void Randomise(LoraAdapters set, int seed)
    {
        using var noGrad = no_grad();
        var generator = new Generator((ulong)seed);
        foreach (var (name, parameter) in set.NamedParameters())
            if (name.Contains("lora_B")) parameter.copy_(randn(parameter.shape, parameter.dtype, generator: generator) * 0.5);
    }
}
