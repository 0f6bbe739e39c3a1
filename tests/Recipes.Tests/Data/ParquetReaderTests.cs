using Parquet.Schema;
using PostTrain.Recipes.Data;
using static PostTrain.Recipes.Tests.Data.ParquetFiles;
using Row = System.Collections.Generic.Dictionary<string, object?>;

namespace PostTrain.Recipes.Tests.Data;

public sealed class ParquetReaderTests
{
    [Fact]
    public void VerlNestedRlLayoutRoundTrips()
    {
        using var folder = new RecipeFolder();
        var schema = new ParquetSchema(
            new DataField<string>("data_source"),
            MessageList("prompt"),
            new StructField("reward_model", new DataField<string>("style"), new DataField<string>("ground_truth")),
            new StructField("extra_info", new DataField<string>("split"), new DataField<long>("index")));
        var path = Write(folder, "train.parquet", schema,
            new Row
            {
                ["data_source"] = "openai/gsm8k",
                ["prompt"] = new List<Dictionary<string, object?>> { Message("system", "Be brief."), Message("user", "1+1?") },
                ["reward_model"] = new Dictionary<string, object?> { ["style"] = "rule", ["ground_truth"] = "2" },
                ["extra_info"] = new Dictionary<string, object?> { ["split"] = "train", ["index"] = 0L },
            },
            new Row
            {
                ["data_source"] = "openai/gsm8k",
                ["prompt"] = new List<Dictionary<string, object?>> { Message("user", "2+2?") },
                ["reward_model"] = new Dictionary<string, object?> { ["style"] = "rule", ["ground_truth"] = "4" },
                ["extra_info"] = new Dictionary<string, object?> { ["split"] = "train", ["index"] = 1L },
            });

        var examples = DatasetLoader.LoadRl(path);

        Assert.Equal(2, examples.Count);
        Assert.Equal([new ChatMessage("system", "Be brief."), new ChatMessage("user", "1+1?")], examples[0].Prompt.Messages!);
        Assert.Equal("2", examples[0].GroundTruth);
        Assert.Equal("openai/gsm8k", examples[0].Metadata["data_source"]);
        Assert.Equal("train", examples[0].Metadata["split"]);
        Assert.Equal("1", examples[1].Metadata["index"]);
        Assert.Equal("4", examples[1].GroundTruth);
        Assert.Equal("train.parquet:2", examples[1].Id);
    }

    [Fact]
    public void FlatColumnsAreRead()
    {
        using var folder = new RecipeFolder();
        var rl = Write(folder, "rl.parquet", new ParquetSchema(new DataField<string>("prompt"), new DataField<string>("answer")),
            new Row { ["prompt"] = "What is 3*3?", ["answer"] = "9" });
        var sft = Write(folder, "sft.parquet", new ParquetSchema(new DataField<string>("messages")),
            new Row { ["messages"] = """[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]""" });
        var dpo = Write(folder, "dpo.parquet",
            new ParquetSchema(new DataField<string>("prompt"), new DataField<string>("chosen"), new DataField<string>("rejected")),
            new Row { ["prompt"] = "[not json] Capital of France?", ["chosen"] = "Paris", ["rejected"] = "Lyon" });

        var prompt = Assert.Single(DatasetLoader.LoadRl(rl));
        Assert.Equal("What is 3*3?", prompt.Prompt.Text);
        Assert.Equal("9", prompt.GroundTruth);
        Assert.Equal([new ChatMessage("user", "hi"), new ChatMessage("assistant", "hello")], Assert.Single(DatasetLoader.LoadSft(sft)).Messages);
        var pair = Assert.Single(DatasetLoader.LoadPreference(dpo));
        Assert.Equal("[not json] Capital of France?", pair.Prompt.Text);
        Assert.Equal("Paris", pair.Chosen.Text);
        Assert.Equal("Lyon", pair.Rejected.Text);
    }

    [Fact]
    public void NestedPreferenceListsAreRead()
    {
        using var folder = new RecipeFolder();
        var path = Write(folder, "dpo.parquet", new ParquetSchema(MessageList("prompt"), MessageList("chosen"), MessageList("rejected")),
            new Row
            {
                ["prompt"] = new List<Dictionary<string, object?>> { Message("user", "Hi") },
                ["chosen"] = new List<Dictionary<string, object?>> { Message("assistant", "Hello!") },
                ["rejected"] = new List<Dictionary<string, object?>> { Message("assistant", "Go away.") },
            });

        var pair = Assert.Single(DatasetLoader.LoadPreference(path));
        Assert.Equal([new ChatMessage("user", "Hi")], pair.Prompt.Messages!);
        Assert.Equal([new ChatMessage("assistant", "Hello!")], pair.Chosen.Messages!);
        Assert.Equal([new ChatMessage("assistant", "Go away.")], pair.Rejected.Messages!);
    }

    [Fact]
    public void BadRowsNameTheFileAndRow()
    {
        using var folder = new RecipeFolder();
        var path = Write(folder, "sft.parquet", new ParquetSchema(new DataField<string>("text")),
            new Row { ["text"] = "a" }, new Row { ["text"] = "b" });

        var error = Assert.Throws<DatasetException>(() => DatasetLoader.Load(path, DatasetKind.Sft));

        Assert.Equal([1, 2], error.Errors.Select(e => e.Line));
        Assert.Equal($"{path}: row 2: expected a JSON object with 'messages' (or 'prompt' and 'completion'/'response'), got keys [text]",
            error.Errors[1].ToString());
    }

    [Fact]
    public void MissingGroundTruthAndNonParquetFilesAreErrors()
    {
        using var folder = new RecipeFolder();
        var path = Write(folder, "rl.parquet", new ParquetSchema(new DataField<string>("prompt")), new Row { ["prompt"] = "q" });
        var missing = Assert.Throws<DatasetException>(() =>
            DatasetLoader.Load(path, DatasetKind.Rl, new DatasetReadOptions { RequireGroundTruth = true }));
        Assert.StartsWith($"{path}: row 1: no ground truth", missing.Message);

        var fake = folder.Write("fake.parquet", "not parquet at all");
        var unreadable = Assert.Throws<DatasetException>(() => DatasetLoader.Load(fake, DatasetKind.Rl));
        Assert.StartsWith($"{fake}: not a readable Parquet file", unreadable.Message);

        var absent = Path.Combine(folder.Path, "absent.parquet");
        Assert.Equal($"{absent}: data file not found", Assert.Throws<DatasetException>(() => DatasetLoader.Load(absent, DatasetKind.Rl)).Message);
    }
}
