using System.Text.Json;

namespace PostTrain.Cli.Tests;

public sealed class RewardCommandTests
{
    [Fact]
    public void ScoresAJsonLinesFileWithMathVerify()
    {
        using var temp = new TempDirectory();
        var input = temp.Combine("samples.jsonl");
        File.WriteAllLines(input, [
            """{"prompt": "1+1?", "completion": "so \\boxed{2}", "ground_truth": "2"}""",
            """{"prompt": "half?", "completion": "the answer is 0.5", "ground_truth": "\\frac{1}{2}"}""",
            """{"prompt": "1+1?", "completion": "no idea", "ground_truth": "2"}""",
        ]);

        var run = PosttrainProcess.Run("reward", "score", "--reward", "math_verify", "--input", input);

        Assert.True(run.ExitCode == 0, run.Error);
        var items = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal([1.0, 1.0, 0.0], items.Select(i => i.GetProperty("score").GetDouble()));
        Assert.Contains("no final answer", items[2].GetProperty("note").GetString());
    }

    [Fact]
    public void AnUnknownRewardListsTheKnownOnesAndExitsTwo()
    {
        using var temp = new TempDirectory();
        var input = temp.Combine("samples.jsonl");
        File.WriteAllText(input, """{"prompt": "p", "completion": "c"}""");

        var run = PosttrainProcess.Run("reward", "score", "--reward", "mathverify", "--input", input);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("known rewards:", run.Error);
        Assert.Contains("math_verify", run.Error);
    }
}
