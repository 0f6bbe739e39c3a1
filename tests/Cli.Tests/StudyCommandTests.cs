using System.Text.Json.Nodes;

namespace PostTrain.Cli.Tests;

/// <summary><c>posttrain study cot-structure</c> from the command line: a two-variant study on a tiny model, and its refusals.</summary>
public sealed class StudyCommandTests
{
    const string TinyCot = """
        name: tiny-cot
        model:
          init: {arch: qwen2, preset: tiny, tokenizer: builtin}
        data:
          train: {task: long_cot, count: 16, seed: 1}
          eval: {task: long_cot, count: 4, seed: 2}
        algorithm: {name: sft}
        rewards: [{name: math_verify}]
        learner: {lr: 0.003, total_steps: 5, batch_size: 2, backward: streambp, lora: {enabled: true, rank: 4}}
        evaluation: {max_response_length: 8, pass_threshold: 0}
        logging: {sinks: [jsonl]}
        """;

    [Fact]
    public void CotStructureTrainsTheChosenVariantsAndPrintsTheTable()
    {
        using var temp = new TempDirectory();
        var recipe = temp.Combine("cot.yaml");
        File.WriteAllText(recipe, TinyCot);
        var study = temp.Combine("study");

        var result = PosttrainProcess.Run("study", "cot-structure", recipe, "--out", study, "--variants", "clean,step_deleted", "--steps", "1",
            "--set", "learner.seed=2");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"clean\s+none\s+100\.0\s+1\.00\s+100\.0", result.Output);
        Assert.Matches(@"step_deleted\s+structure\s+100\.0\s+1\.00", result.Output);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(study, "summary.json")))!;
        Assert.Equal(["clean", "step_deleted"], summary["accuracy_ratio"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1, (int)summary["settings"]!["steps"]!);
        Assert.Equal("learner.seed=2", (string)summary["overrides"]![0]!);
        Assert.Equal(Path.Combine(study, "runs", "clean", "base-model"), (string)summary["start_model"]!);
    }

    [Fact]
    public void AnUnknownVariantOrAStudyWithoutCleanIsRefused()
    {
        using var temp = new TempDirectory();
        var recipe = temp.Combine("cot.yaml");
        File.WriteAllText(recipe, TinyCot);

        var unknown = PosttrainProcess.Run("study", "cot-structure", recipe, "--out", temp.Combine("a"), "--variants", "clean,shuffled");
        var noClean = PosttrainProcess.Run("study", "cot-structure", recipe, "--out", temp.Combine("b"), "--variants", "step_deleted");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("posttrain: error: unknown variant 'shuffled'; expected one of clean, wrong_answer, digit_corrupted", unknown.Error);
        Assert.Equal(2, noClean.ExitCode);
        Assert.Contains("must include clean", noClean.Error);
        Assert.False(Directory.Exists(temp.Combine("a")) || Directory.Exists(temp.Combine("b")));
    }
}
