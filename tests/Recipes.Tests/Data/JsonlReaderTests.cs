using PostTrain.Recipes.Data;

namespace PostTrain.Recipes.Tests.Data;

public sealed class JsonlReaderTests
{
    [Fact]
    public void VerlRlLayoutIsRead()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("train.jsonl", """
            {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "1+1?"}], "reward_model": {"style": "rule", "ground_truth": "2"}, "data_source": "openai/gsm8k", "ability": "math", "extra_info": {"split": "train", "index": 7, "nested": {"x": 1}}}

            {"id": "q2", "prompt": "What is 2+2?", "answer": 4, "metadata": {"length_min": 100}}
            {"prompt": "No truth here", "ground_truth": "yes"}
            """);

        var examples = DatasetLoader.LoadRl(path);

        Assert.Equal(3, examples.Count);
        var first = examples[0];
        Assert.Equal("train.jsonl:1", first.Id);
        Assert.Equal([new ChatMessage("system", "Be brief."), new ChatMessage("user", "1+1?")], first.Prompt.Messages!);
        Assert.Equal("2", first.GroundTruth);
        Assert.Equal("openai/gsm8k", first.Metadata["data_source"]);
        Assert.Equal("math", first.Metadata["ability"]);
        Assert.Equal("train", first.Metadata["split"]);
        Assert.Equal("7", first.Metadata["index"]);
        Assert.False(first.Metadata.ContainsKey("nested"));
        var second = examples[1];
        Assert.Equal("q2", second.Id);
        Assert.Equal("What is 2+2?", second.Prompt.Text);
        Assert.Equal("4", second.GroundTruth);
        Assert.Equal("100", second.Metadata["length_min"]);
        Assert.Equal("yes", examples[2].GroundTruth);
    }

    [Fact]
    public void SftLayoutsAreRead()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("sft.jsonl", """
            {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": [{"type": "text", "text": "hel"}, {"type": "text", "text": "lo"}]}]}
            {"prompt": "Say a", "completion": "a"}
            {"prompt": "Say b", "response": "b"}
            {"prompt": [{"role": "user", "content": "Say c"}], "completion": [{"role": "assistant", "content": "c"}]}
            """);

        var examples = DatasetLoader.LoadSft(path);

        Assert.Equal(4, examples.Count);
        Assert.Equal([new ChatMessage("user", "hi"), new ChatMessage("assistant", "hello")], examples[0].Messages);
        Assert.Equal([new ChatMessage("user", "Say a"), new ChatMessage("assistant", "a")], examples[1].Messages);
        Assert.Equal([new ChatMessage("user", "Say b"), new ChatMessage("assistant", "b")], examples[2].Messages);
        Assert.Equal([new ChatMessage("user", "Say c"), new ChatMessage("assistant", "c")], examples[3].Messages);
    }

    [Fact]
    public void PreferenceLayoutsAreRead()
    {
        using var folder = new RecipeFolder();
        var path = folder.Write("dpo.jsonl", """
            {"prompt": "Capital of France?", "chosen": "Paris", "rejected": "Lyon"}
            {"prompt": [{"role": "user", "content": "Hi"}], "chosen": [{"role": "assistant", "content": "Hello!"}], "rejected": [{"role": "assistant", "content": "Go away."}]}
            {"chosen": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "good"}], "rejected": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "bad"}]}
            """);

        var examples = DatasetLoader.LoadPreference(path);

        Assert.Equal("Capital of France?", examples[0].Prompt.Text);
        Assert.Equal("Paris", examples[0].Chosen.Text);
        Assert.Equal("Lyon", examples[0].Rejected.Text);
        Assert.Equal([new ChatMessage("user", "Hi")], examples[1].Prompt.Messages!);
        Assert.Equal([new ChatMessage("assistant", "Hello!")], examples[1].Chosen.Messages!);
        Assert.Equal([new ChatMessage("assistant", "Go away.")], examples[1].Rejected.Messages!);
        Assert.Equal([new ChatMessage("user", "Q")], examples[2].Prompt.Messages!);
        Assert.Equal([new ChatMessage("assistant", "good")], examples[2].Chosen.Messages!);
        Assert.Equal([new ChatMessage("assistant", "bad")], examples[2].Rejected.Messages!);
    }
}
