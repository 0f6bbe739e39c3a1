using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostTrain.Cli.Bench;

/// <summary>The JSON a benchmark writes: its name, the settings it ran with, the machine, and its metrics.</summary>
internal sealed class BenchReport(string name)
{
    public JsonObject Config { get; } = new();
    public JsonObject Metrics { get; } = new();

    public void Write(string path)
    {
        var report = new JsonObject
        {
            ["benchmark"] = name,
            ["date"] = DateTime.UtcNow.ToString("u"),
            ["machine"] = new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["torch_threads"] = TorchSharp.torch.get_num_threads(),
                ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            },
            ["config"] = Config.DeepClone(),
            ["metrics"] = Metrics.DeepClone(),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
