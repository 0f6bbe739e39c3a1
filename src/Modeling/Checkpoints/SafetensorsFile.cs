using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>
/// Reads a <c>.safetensors</c> file: an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
/// shape and byte range, then the raw data. The header is checked against the file's real size on open, so a
/// truncated or inconsistent file is reported before any tensor is read.
/// </summary>
public sealed class SafetensorsFile
{
    SafetensorsFile(string path, long dataStart, IReadOnlyDictionary<string, SafetensorsEntry> entries,
        IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _dataStart = dataStart;
        Entries = entries;
        Metadata = metadata;
    }

    readonly long _dataStart;

    public string Path { get; }
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafetensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new ModelFormatException(path, null, "file not found");
        using var stream = File.OpenRead(path);
        var fileLength = stream.Length;
        if (fileLength < 8)
            throw new ModelFormatException(path, null, $"truncated: {fileLength} bytes, too short for a safetensors header");
        var lengthBytes = new byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BitConverter.ToInt64(lengthBytes);
        if (headerLength <= 0 || headerLength > fileLength - 8)
            throw new ModelFormatException(path, null,
                $"truncated or not safetensors: header claims {headerLength} bytes but the file has {fileLength - 8} after the length");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var (entries, metadata) = SafetensorsHeader.Parse(path, Encoding.UTF8.GetString(header), fileLength - 8 - headerLength);
        return new SafetensorsFile(path, 8 + headerLength, entries, metadata);
    }

    /// <summary>Reads one tensor into a new CPU tensor of its stored dtype.</summary>
    public Tensor Read(string name)
    {
        if (!Entries.TryGetValue(name, out var entry))
            throw new ModelFormatException(Path, name, "tensor not in this file");
        var bytes = new byte[entry.End - entry.Begin];
        using (var stream = File.OpenRead(Path))
        {
            stream.Seek(_dataStart + entry.Begin, SeekOrigin.Begin);
            stream.ReadExactly(bytes);
        }
        var tensor = empty(entry.Shape, dtype: entry.DType);
        if (bytes.Length > 0) tensor.bytes = bytes;
        return tensor;
    }
}
