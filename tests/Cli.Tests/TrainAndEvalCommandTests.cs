using System.Text.Json.Nodes;
using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Vision;

namespace PostTrain.Cli.Tests;

public sealed class TrainAndEvalCommandTests
{
    const string TinySft = """
        name: tiny-sft
        model:
          init: {arch: qwen2, preset: tiny, tokenizer: builtin}
        data:
          train: {task: arithmetic, count: 32}
          eval: {task: arithmetic, count: 8, seed: 9}
        algorithm: {name: sft}
        rewards: [{name: math_verify}]
        learner: {lr: 0.003, total_steps: 3, batch_size: 4, backward: plain}
        evaluation: {max_response_length: 8}
        """;

    [Fact]
    public void ABadRecipeIsRefusedWithItsLineAndNothingIsWritten()
    {
        using var temp = new TempDirectory();
        var recipe = temp.Combine("bad.yaml");
        File.WriteAllText(recipe, TinySft.Replace("total_steps: 3", "total_stesp: 3"));

        var result = PosttrainProcess.Run("train", recipe, "--out", temp.Combine("run"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"posttrain: error: {recipe}:9: learner.total_stesp: unknown key; did you mean 'learner.total_steps'?", result.Error.Trim());
        Assert.False(Directory.Exists(temp.Combine("run")));
    }

    [Fact]
    public void TrainRunsARecipeAndEvalScoresTheModelItLeft()
    {
        using var temp = new TempDirectory();
        var recipe = temp.Combine("sft.yaml");
        File.WriteAllText(recipe, TinySft);
        var run = temp.Combine("run");

        var train = PosttrainProcess.Run("train", recipe, "--out", run);
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains($"run folder: {run}", train.Output);
        Assert.Contains("held-out accuracy: ", train.Output);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!;
        Assert.Equal(3, (int)summary["steps"]!);
        Assert.True((bool)summary["completed"]!);

        var eval = PosttrainProcess.Run("eval", "--model", Path.Combine(run, "model"), "--task", "arithmetic", "--count", "6",
            "-k", "3", "--temperature", "1", "--max-tokens", "8", "--json");
        Assert.True(eval.ExitCode == 0, eval.Error);
        var figures = JsonNode.Parse(eval.Output)!;
        Assert.Equal(6, (int)figures["prompts"]!);
        Assert.Equal(3, (int)figures["k"]!);
        Assert.InRange((double)figures["pass_at_k"]!, (double)figures["avg_at_k"]!, 100);
        Assert.InRange((double)figures["response_length_mean"]!, 1, 8);
    }

    [Fact]
    public void EvalAnswersVideoPromptsWithTheVisionEncoderBesideTheModel()
    {
        using var temp = new TempDirectory();
        var model = temp.Combine("model");
        var init = PosttrainProcess.Run("init-model", "--arch", "qwen2", "--preset", "tiny", "--out", model);
        Assert.True(init.ExitCode == 0, init.Error);
        var config = new VisionConfig { ImageSize = 16, PatchSize = 8, HiddenSize = 16, NumLayers = 1, NumHeads = 2, IntermediateSize = 32, Pool = 1, OutputSize = 64 };
        using (var vision = new VisionEncoder(config, ModelPlacement.Cpu(), seed: 1)) VisionEncoderFiles.Save(model, vision);

        var eval = PosttrainProcess.Run("eval", "--model", model, "--task", "moving_shapes", "--count", "3", "--reward", "answer_match",
            "--max-tokens", "4", "--json");

        Assert.True(eval.ExitCode == 0, eval.Error);
        var figures = JsonNode.Parse(eval.Output)!;
        Assert.Equal(3, (int)figures["prompts"]!);
        Assert.Equal(0, (int)figures["reward_failures"]!);
    }
}
