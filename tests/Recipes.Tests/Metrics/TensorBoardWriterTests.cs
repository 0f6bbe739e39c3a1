using System.Text;
using PostTrain.Recipes.Metrics;

namespace PostTrain.Recipes.Tests.Metrics;

public sealed class TensorBoardWriterTests
{
    [Fact]
    public void Crc32CMatchesTheCheckValue() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void WritesAnEventFileTensorBoardReads()
    {
        using var folder = new RecipeFolder();
        var logs = Path.Combine(folder.Path, "tb");
        string path;
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using (var writer = new TensorBoardWriter(logs))
        {
            path = writer.Path;
            writer.WriteScalars(3, new Dictionary<string, double> { ["reward_mean"] = 0.4, ["kl"] = -1.5e-3 }, "grpo");
            writer.WriteScalars(300, new Dictionary<string, double> { ["loss"] = double.NaN }, "warmup");
        }

        var name = Path.GetFileName(path).Split('.');
        Assert.Equal(["events", "out", "tfevents"], name[..3]);
        Assert.InRange(long.Parse(name[3]), before, before + 60);
        Assert.Equal(Environment.MachineName, string.Join('.', name[4..]));
        Assert.Equal(logs, Path.GetDirectoryName(path));

        var records = TfRecordReader.Read(path).Select(ProtoReader.Fields).ToList();
        Assert.Equal(3, records.Count);
        Assert.Equal("brain.Event:2", records[0].Text(3));
        Assert.InRange(records[0].One<double>(1), before, before + 60.0);

        var first = records[1];
        Assert.Equal(3ul, first.One<ulong>(2));
        Assert.InRange(first.One<double>(1), before, before + 60.0);
        var values = ProtoReader.Fields(first.One<byte[]>(5)).Select(v => ProtoReader.Fields((byte[])v.Value)).ToList();
        Assert.Equal(["grpo/reward_mean", "grpo/kl"], values.Select(v => v.Text(1)));
        Assert.Equal([0.4f, -1.5e-3f], values.Select(v => v.One<float>(2)));

        var second = records[2];
        Assert.Equal(300ul, second.One<ulong>(2));
        var loss = ProtoReader.Fields(ProtoReader.Fields(second.One<byte[]>(5)).Single().Value as byte[] ?? []);
        Assert.Equal("warmup/loss", loss.Text(1));
        Assert.True(float.IsNaN(loss.One<float>(2)));
    }

    [Fact]
    public void EachEventIsOnDiskAsSoonAsItIsWritten()
    {
        using var folder = new RecipeFolder();
        using var writer = new TensorBoardWriter(folder.Path);

        writer.WriteScalars(1, new Dictionary<string, double> { ["loss"] = 2 }, "sft");

        // Read while the writer is still open, as TensorBoard does during a run.
        var records = TfRecordReader.Read(writer.Path);
        Assert.Equal(2, records.Count);
    }
}
