namespace PostTrain.Recipes.Tests;

/// <summary>The smallest valid recipes; tests append or change lines to make the one mistake they are about.</summary>
internal static class Minimal
{
    // Line numbers matter to the tests: model is line 1, algorithm.name line 8, rewards line 9.
    public const string Grpo = """
        model:
          init:
            arch: qwen2
        data:
          train:
            task: arithmetic
        algorithm:
          name: grpo
        rewards:
          - name: math_verify
        """;

    public const string Sft = """
        model:
          init:
            arch: llama
        data:
          train:
            task: arithmetic
        algorithm:
          name: sft
        """;
}
