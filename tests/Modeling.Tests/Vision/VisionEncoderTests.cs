using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Vision;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Tests.Vision;

/// <summary>The encoder's shapes, names, seeding, per-frame independence and gradients.</summary>
public sealed class VisionEncoderTests
{
    static readonly VisionConfig Config = new() { OutputSize = 48 };

    public VisionEncoderTests() => set_num_threads(2);

    static Tensor Pixels(int frames, int seed) =>
        FramePreprocessor.ToPixels(new VideoClip(frames, 32, 32, RawVideos.RandomFrames(frames, 32, seed)), Config);

    [Fact]
    public void FramesBecomeTokensOfTheLanguageModelsWidth()
    {
        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 1);
        using var pixels = Pixels(8, seed: 1);

        using var tokens = encoder.forward(pixels);
        using var flat = encoder.Encode(pixels);

        Assert.Equal(4, Config.TokensPerFrame);
        Assert.Equal(new long[] { 8, 4, 48 }, tokens.shape);
        Assert.Equal(new long[] { 32, 48 }, flat.shape);
        Assert.True(tokens.reshape(32, 48).bytes.SequenceEqual(flat.bytes));
        Assert.True(tokens.isfinite().all().item<bool>());
    }

    [Fact]
    public void EncodingInFrameShardsEqualsEncodingTheWholeClipBitForBit()
    {
        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 2);
        using var pixels = Pixels(8, seed: 2);

        using var whole = encoder.Encode(pixels);
        using var first = encoder.Encode(pixels[..3]);
        using var rest = encoder.Encode(pixels[3..]);
        using var single = encoder.Encode(pixels[5..6]);
        using var sharded = cat([first, rest], 0);

        Assert.True(whole.bytes.SequenceEqual(sharded.bytes), $"max difference {(whole - sharded).abs().max().item<float>()}");
        Assert.True(whole[(5 * 4)..(6 * 4)].bytes.SequenceEqual(single.bytes));
    }

    [Fact]
    public void ATemporalPatchSpansFramesAndShardsOfWholeGroupsEqualTheWholeClip()
    {
        var config = Config with { TemporalPatchSize = 2 };
        using var encoder = new VisionEncoder(config, ModelPlacement.Cpu(), seed: 2);
        using var pixels = Pixels(8, seed: 2);

        using var whole = encoder.Encode(pixels);
        using var sharded = cat([encoder.Encode(pixels[..2]), encoder.Encode(pixels[2..])], 0);
        using var changed = pixels.clone();
        changed[3].fill_(0.25f);
        using var afterChange = encoder.Encode(changed);

        Assert.Equal(new long[] { 4 * config.TokensPerFrame, 48 }, whole.shape);
        Assert.Equal(16, config.TokensFor(8));
        Assert.True(whole.bytes.SequenceEqual(sharded.bytes));
        // Frame 3 is the second frame of group 1: only that group's tokens change.
        var tokens = config.TokensPerFrame;
        Assert.True(whole[..tokens].bytes.SequenceEqual(afterChange[..tokens].bytes));
        Assert.False(whole[tokens..(2 * tokens)].allclose(afterChange[tokens..(2 * tokens)]));
        Assert.True(whole[(2 * tokens)..].bytes.SequenceEqual(afterChange[(2 * tokens)..].bytes));
        Assert.Contains("not a multiple of temporal_patch_size (2)", Assert.Throws<ArgumentException>(() => encoder.Encode(pixels[..3])).Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeightsAndAnotherSeedOthers()
    {
        using var a = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 3);
        using var b = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 3);
        using var c = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 4);

        var weights = a.named_parameters().ToList();
        var same = b.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var other = c.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        Assert.All(weights, p => Assert.True(p.parameter.bytes.SequenceEqual(same[p.name].bytes), p.name));
        Assert.False(weights.Single(p => p.name == "patch_embed.proj.weight").parameter.bytes
            .SequenceEqual(other["patch_embed.proj.weight"].bytes));
        Assert.Equal(1f, same["blocks.0.norm1.weight"].mean().item<float>());
        Assert.Equal(0f, same["blocks.1.attn.qkv.bias"].abs().sum().item<float>());
        Assert.InRange(same["blocks.0.mlp.fc1.weight"].std().item<float>(), 0.018f, 0.022f);
    }

    [Fact]
    public void ParameterNamesAreStableAndReadable()
    {
        using var encoder = new VisionEncoder(Config with { NumLayers = 1 }, ModelPlacement.Cpu());

        var names = encoder.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]").ToList();

        Assert.Equal(new[]
        {
            "patch_embed.proj.weight [64, 192]", "patch_embed.proj.bias [64]", "pos_embed [1, 16, 64]",
            "blocks.0.norm1.weight [64]", "blocks.0.norm1.bias [64]",
            "blocks.0.attn.qkv.weight [192, 64]", "blocks.0.attn.qkv.bias [192]",
            "blocks.0.attn.proj.weight [64, 64]", "blocks.0.attn.proj.bias [64]",
            "blocks.0.norm2.weight [64]", "blocks.0.norm2.bias [64]",
            "blocks.0.mlp.fc1.weight [128, 64]", "blocks.0.mlp.fc1.bias [128]",
            "blocks.0.mlp.fc2.weight [64, 128]", "blocks.0.mlp.fc2.bias [64]",
            "norm.weight [64]", "norm.bias [64]",
            "projector.0.weight [48, 64]", "projector.0.bias [48]", "projector.2.weight [48, 48]", "projector.2.bias [48]",
        }.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));

        // On the meta device (layout checks, memory planning) the same parameters exist and nothing is allocated.
        using var meta = new VisionEncoder(Config with { NumLayers = 1 }, ModelPlacement.Meta());
        Assert.Equal(names, meta.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]"));
    }

    [Fact]
    public void GradientsFlowBackToThePatchEmbedding()
    {
        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu(), seed: 5);
        using var pixels = Pixels(2, seed: 5);

        using (var scope = NewDisposeScope())
            encoder.Encode(pixels).pow(2).mean().backward();

        foreach (var (name, parameter) in encoder.named_parameters())
        {
            var grad = parameter.grad;
            Assert.True(grad is not null, $"{name} has no gradient");
            Assert.True(grad.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
            Assert.True(grad.abs().sum().item<float>() > 0, $"{name} has a zero gradient");
        }
    }

    [Fact]
    public void AnInvalidConfigOrWrongPixelsAreReported()
    {
        var config = Assert.Throws<ArgumentException>(() => new VisionEncoder(Config with { ImageSize = 30 }, ModelPlacement.Cpu()));
        Assert.Contains("image_size: 30 is not divisible by patch_size (8)", config.Message);
        Assert.Contains("grid (image_size / patch_size) is not divisible by pool (3)",
            Assert.Throws<ArgumentException>(() => (Config with { Pool = 3 }).Validate()).Message);
        Assert.Contains("num_heads: 5 does not divide hidden_size (64)",
            Assert.Throws<ArgumentException>(() => (Config with { NumHeads = 5 }).Validate()).Message);
        Assert.Contains("output_size: must be positive, found 0",
            Assert.Throws<ArgumentException>(() => new VisionConfig { OutputSize = 0 }.Validate()).Message);

        using var encoder = new VisionEncoder(Config, ModelPlacement.Cpu());
        using var wrong = zeros(1, 3, 16, 16);
        Assert.Contains("expected pixels [frames, 3, 32, 32], got [1, 3, 16, 16]",
            Assert.Throws<ArgumentException>(() => encoder.forward(wrong)).Message);
    }
}
