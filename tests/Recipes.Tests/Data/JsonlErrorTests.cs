using PostTrain.Recipes.Data;

namespace PostTrain.Recipes.Tests.Data;

public sealed class JsonlErrorTests
{
    private static DatasetException Fails(string text, DatasetKind kind, out string path, DatasetReadOptions? options = null)
    {
        using var folder = new RecipeFolder();
        path = folder.Write("data/train.jsonl", text);
        var file = path;
        return Assert.Throws<DatasetException>(() => DatasetLoader.Load(file, kind, options));
    }

    [Fact]
    public void EveryBadLineIsReportedWithFileAndLine()
    {
        var error = Fails("""
            {"messages": [{"role": "user", "content": "ok"}]}
            {"text": "plain"}

            {"messages": [{"role": "user", "content": "ok"}
            {"messages": "hello"}
            {"messages": [{"role": "user", "content": 5}]}
            {"messages": [{"role": "user"}]}
            [1, 2]
            """, DatasetKind.Sft, out var path);

        Assert.Equal(6, error.Errors.Count);
        Assert.All(error.Errors, e => Assert.Equal(path, e.Path));
        Assert.Equal([2, 4, 5, 6, 7, 8], error.Errors.Select(e => e.Line));
        Assert.Equal($"{path}:2: expected a JSON object with 'messages' (or 'prompt' and 'completion'/'response'), got keys [text]",
            error.Errors[0].ToString());
        Assert.StartsWith("invalid JSON:", error.Errors[1].Message);
        Assert.Equal("'messages': expected a list of messages, got a string", error.Errors[2].Message);
        Assert.Equal("'messages[0].content': expected a string, got a number", error.Errors[3].Message);
        Assert.Equal("'messages[0]': message has no 'content', got keys [role]", error.Errors[4].Message);
        Assert.Equal("expected a JSON object, got a list", error.Errors[5].Message);
        Assert.Contains($"{path}:8: expected a JSON object, got a list", error.Message);
        Assert.False(error.StoppedEarly);
    }

    [Fact]
    public void MissingGroundTruthIsAnErrorOnlyWhenRequired()
    {
        const string text = """
            {"prompt": "a", "answer": "1"}
            {"prompt": "b", "reward_model": {"style": "rule"}}
            """;
        var error = Fails(text, DatasetKind.Rl, out var path, new DatasetReadOptions { RequireGroundTruth = true });

        var only = Assert.Single(error.Errors);
        Assert.Equal($"{path}:2: no ground truth: expected 'reward_model.ground_truth', 'ground_truth' or 'answer'", only.ToString());

        using var folder = new RecipeFolder();
        var lenient = DatasetLoader.LoadRl(folder.Write("t.jsonl", text));
        Assert.Null(lenient[1].GroundTruth);
    }

    [Fact]
    public void WrongTypesAreNamed()
    {
        var error = Fails("""
            {"prompt": 3, "chosen": "a", "rejected": "b"}
            {"prompt": "p", "chosen": {"text": "a"}, "rejected": "b"}
            {"prompt": "p", "chosen": "a"}
            """, DatasetKind.Preference, out _);

        Assert.Equal("'prompt': expected a string or a list of messages, got a number", error.Errors[0].Message);
        Assert.Equal("'chosen': expected a string or a list of messages, got an object", error.Errors[1].Message);
        Assert.Equal("expected a JSON object with 'prompt', 'chosen' and 'rejected', got keys [prompt, chosen]", error.Errors[2].Message);
    }

    [Fact]
    public void ReadingStopsAtTheErrorCap()
    {
        var lines = string.Join("\n", Enumerable.Range(0, 50).Select(i => $"{{\"text\": \"{i}\"}}"));
        var error = Fails(lines, DatasetKind.Sft, out _);

        Assert.Equal(20, error.Errors.Count);
        Assert.Equal(20, error.Errors[^1].Line);
        Assert.True(error.StoppedEarly);
        Assert.EndsWith("(stopped after 20 errors)", error.Message);

        var small = Fails(lines, DatasetKind.Sft, out _, new DatasetReadOptions { MaxErrors = 3 });
        Assert.Equal(3, small.Errors.Count);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), "posttrain-no-such-dir", "train.jsonl");
        var error = Assert.Throws<DatasetException>(() => DatasetLoader.Load(path, DatasetKind.Rl));
        Assert.Equal($"{path}: data file not found", error.Message);
    }

    [Fact]
    public void AnUnknownExtensionIsNamed()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetLoader.Load("data/train.csv", DatasetKind.Sft));
        Assert.StartsWith("data/train.csv: unsupported data file type '.csv'", error.Message);
    }
}
