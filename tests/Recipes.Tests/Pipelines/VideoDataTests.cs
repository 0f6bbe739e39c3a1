using PostTrain.Modeling.Architecture;
using PostTrain.Modeling.Tokenization;
using PostTrain.Modeling.Vision;
using PostTrain.Recipes.Binding;
using PostTrain.Recipes.Pipelines;
using PostTrain.Recipes.Tasks.Video;
using PostTrain.Recipes.Video;

namespace PostTrain.Recipes.Tests.Pipelines;

/// <summary>Data rows with a <c>video</c>: read with ffmpeg beside the data file, laid out as frame tokens in the prompt.</summary>
public sealed class VideoDataTests
{
    static readonly VisionConfig Vision = new() { ImageSize = 16, PatchSize = 8, HiddenSize = 16, NumLayers = 1, NumHeads = 2, IntermediateSize = 32, Pool = 1, OutputSize = 64 };

    static (RecipeData Data, DataSource Source, VideoPrompts Videos) Data(RecipeFolder folder, string rows, string kind = "rl")
    {
        var file = folder.Write($"{kind}.jsonl", rows);
        var tokenizer = TokenizerFactory.Load("builtin");
        var videos = new VideoPrompts(new VisionEncoder(Vision, ModelPlacement.Cpu()), tokenizer);
        var source = new DataSource(file, null, 0, 0) { Frames = 3 };
        return (new RecipeData(new DataSpec(source, null, null, 512, false), new ChatEncoder(tokenizer), videos), source, videos);
    }

    static string TestVideo(RecipeFolder folder)
    {
        var path = Path.Combine(folder.Path, "clips", "pattern.mkv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FfmpegTools.Default.RunFfmpeg(["-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=5:duration=2", "-c:v", "ffv1", path], "test video");
        return path;
    }

    [Fact]
    public void AnRlRowsVideoIsReadBesideTheDataFileAndFillsItsMarker()
    {
        using var folder = new RecipeFolder();
        var video = TestVideo(folder);
        var (data, _, videos) = Data(folder, """{"prompt": "What is shown?", "ground_truth": "a pattern", "video": "clips/pattern.mkv"}""" + "\n");

        var prompt = Assert.Single(data.TrainPrompts());

        var shown = prompt.Video!;
        Assert.Equal(VideoReader.Read(video, 3, 16).Rgb, shown.Clip.Rgb);
        Assert.Equal(3 * Vision.TokensPerFrame, shown.Count);
        Assert.All(prompt.PromptIds.Skip(shown.Start).Take(shown.Count), id => Assert.Equal(TokenizerFactory.Load("builtin").PadTokenId, id));
        Assert.StartsWith(MovingShapesTask.VideoMarker, prompt.PromptText);
        var tokenizer = TokenizerFactory.Load("builtin");
        Assert.EndsWith("What is shown?", tokenizer.Decode(prompt.PromptIds[..(shown.Start + shown.Count + 15)], skipSpecialTokens: true).TrimEnd());
        _ = videos;
    }

    [Fact]
    public void AnSftRowsVideoTrainsThroughTheEncoder()
    {
        using var folder = new RecipeFolder();
        TestVideo(folder);
        var (data, source, _) = Data(folder,
            """{"messages": [{"role": "user", "content": "<video>\nWhat is shown?"}, {"role": "assistant", "content": "a pattern"}], "video": "clips/pattern.mkv"}""" + "\n",
            kind: "sft");

        var sequence = Assert.Single(data.Sequences(source));

        var embedding = Assert.Single(sequence.PromptEmbeddings);
        using var values = embedding.Values();
        Assert.Equal([3L * Vision.TokensPerFrame, 64L], values.shape);
        Assert.True(values.requires_grad);
    }

    [Fact]
    public void AMissingVideoNamesItsPath()
    {
        using var folder = new RecipeFolder();
        var (data, _, _) = Data(folder, """{"prompt": "What is shown?", "ground_truth": "x", "video": "clips/none.mp4"}""" + "\n");

        var error = Assert.Throws<VideoInputException>(() => data.TrainPrompts());
        Assert.Contains(Path.Combine("clips", "none.mp4"), error.Message);
    }
}
