using Xunit;

namespace PostTrain.Modeling.Tests.Tokenization;

/// <summary>Texts every tokenizer must round-trip and the converted tokenizers must encode like tiktoken.</summary>
internal static class TokenizationSamples
{
    public static IReadOnlyList<string> Texts { get; } =
    [
        "Hello world",
        "Héllo wörld, ça va? Ñandú — naïve café, Straße, Ærøskøbing",
        "Привет, мир! Съешь же ещё этих мягких французских булок.",
        "你好，世界。日本語のテキストとカタカナ、한국어 문장도 있습니다.",
        "مرحبا بالعالم! هذا نص عربي مع أرقام ١٢٣.",
        "Emoji: 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 ❤️‍🔥 ⭐ 🇫🇷",
        "def f(x):\n\treturn x ** 2  # square\n\n\nif __name__ == '__main__':\n    print(f(12345678))\n",
        "Numbers: 3.14159, 1,000,000 and 2024-06-01T12:34:56Z; 007 + 99999 = 100006",
        "   leading spaces, trailing   \t\n\n  mixed\r\n whitespace runs      ",
        "It's we'll they're I'M DON'T ÉCOLE's",
        "{\"key\": [1, 2, {\"nested\": null}]} <div class=\"x\">&amp;</div> https://example.com/a?b=c",
    ];

    public static TheoryData<string> TheoryTexts()
    {
        var data = new TheoryData<string>();
        foreach (string text in Texts)
        {
            data.Add(text);
        }

        return data;
    }

    /// <summary>A fresh folder under the temp directory, deleted when disposed.</summary>
    public static TempFolder CreateTempFolder() => new();

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "posttrain-tok-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string fileName, string content)
        {
            string file = System.IO.Path.Combine(Path, fileName);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
