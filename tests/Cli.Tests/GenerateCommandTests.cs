using System.Text.Json;
using PostTrain.Core.Generation;
using PostTrain.Modeling.Checkpoints;
using PostTrain.Rollout.Engine;

namespace PostTrain.Cli.Tests;

public sealed class GenerateCommandTests
{
    [Fact]
    public void JsonOutputCarriesIdsTextLogProbsAndFinishReasonEqualToTheEngines()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "qwen2", "--out", folder).ExitCode);

        var run = PosttrainProcess.Run("generate", "--model", folder, "--prompt-ids", "10,20,30", "--max-tokens", "6",
            "--temperature", "0", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        var item = Assert.Single(document.RootElement.EnumerateArray().ToList());
        var ids = item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var loaded = ModelLoader.Load(folder);
        using var engine = new GenerationEngine(loaded.Model);
        var expected = engine.Generate([new GenerationRequest("0", [10, 20, 30], new SamplingParameters { Temperature = 0, MaxNewTokens = 6 })])[0];
        Assert.Equal(expected.GeneratedIds, ids);
        Assert.Equal(expected.FinishReason.ToWireName(), item.GetProperty("finish_reason").GetString());
        var logProbs = item.GetProperty("logprobs").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(expected.LogProbs.ToArray(), logProbs);
        Assert.Equal(JsonValueKind.String, item.GetProperty("text").ValueKind);
    }

    [Theory]
    [InlineData("--prompt", "", "the prompt is empty")]
    [InlineData("--prompt-ids", "1,100000", "outside the vocabulary")]
    [InlineData("--prompt-ids", "1,x", "comma-separated integers")]
    public void BadPromptsGiveAClearErrorAndExitCode2(string option, string value, string message)
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "llama", "--out", folder).ExitCode);

        var run = PosttrainProcess.Run("generate", "--model", folder, option, value, "--max-tokens", "2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void AMalformedPromptsFileNamesTheLine()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("model");
        Assert.Equal(0, PosttrainProcess.Run("init-model", "--arch", "qwen3", "--out", folder).ExitCode);
        var prompts = temp.Combine("prompts.jsonl");
        File.WriteAllLines(prompts, ["{\"prompt\": \"hello\"}", "{\"text\": 1}"]);

        var run = PosttrainProcess.Run("generate", "--model", folder, "--prompts", prompts);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("prompts.jsonl:2:", run.Error);
    }
}
