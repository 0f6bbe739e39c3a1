namespace PostTrain.Modeling.Presets;

public static class ModelPresets
{
    public static readonly IReadOnlyList<ModelPreset> All =
    [
        // Small enough that a test builds, runs and saves it in well under a second.
        new("tiny", "2 layers, hidden 64: unit tests", 64, 176, 2, 4, 2, 16, 2048),
        // About 0.8M parameters plus embeddings: learns the built-in arithmetic task in minutes on 2 cores (the quickstart).
        new("mini", "4 layers, hidden 128: the quickstart", 128, 352, 4, 4, 2, 32, 2048),
        // About 24M parameters plus embeddings (20-50M with the bundled vocabularies): benchmarks on 2 cores.
        new("small", "8 layers, hidden 512: benchmarks", 512, 1408, 8, 8, 4, 64, 4096),
        // A real-sized shape (Qwen2.5-0.5B's layers) for planning and inspection runs.
        new("base", "24 layers, hidden 896: Qwen2.5-0.5B's shape", 896, 4864, 24, 14, 2, 64, 32768),
    ];

    public static ModelPreset Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"unknown preset '{name}'; expected one of {string.Join(", ", All.Select(p => p.Name))}");
}
