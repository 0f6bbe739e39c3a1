using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace PostTrain.Modeling.Checkpoints;

/// <summary>Writes tensors to a <c>.safetensors</c> file atomically (a temporary file renamed into place).</summary>
public static class SafetensorsWriter
{
    public static void Write(string path, IReadOnlyList<(string Name, Tensor Tensor)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderBy(item => item.Name, StringComparer.Ordinal).ToList();
        var header = new JsonObject();
        var meta = new JsonObject();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string> { ["format"] = "pt" })
            meta[key] = value;
        header["__metadata__"] = meta;
        long offset = 0;
        foreach (var (name, tensor) in ordered)
        {
            var size = tensor.NumberOfElements * SafetensorsDTypes.ElementSize(tensor.dtype);
            header[name] = new JsonObject
            {
                ["dtype"] = SafetensorsDTypes.NameOf(tensor.dtype),
                ["shape"] = new JsonArray(tensor.shape.Select(dim => (JsonNode?)dim).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + size),
            };
            offset += size;
        }

        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (headerBytes.Length + 7) / 8 * 8; // the data section starts 8-byte aligned
        AtomicFile.Write(path, stream =>
        {
            stream.Write(BitConverter.GetBytes((long)padded));
            stream.Write(headerBytes);
            for (var i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
            foreach (var (_, tensor) in ordered)
            {
                using var cpu = tensor.detach().cpu().contiguous();
                stream.Write(cpu.bytes);
            }
        });
    }
}
