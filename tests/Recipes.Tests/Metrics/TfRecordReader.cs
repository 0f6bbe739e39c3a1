using System.Buffers.Binary;
using PostTrain.Recipes.Metrics;

namespace PostTrain.Recipes.Tests.Metrics;

/// <summary>Reads a TFRecord file back, checking both masked CRC32Cs of every record.</summary>
internal static class TfRecordReader
{
    public static List<byte[]> Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        var records = new List<byte[]>();
        var at = 0;
        while (at < bytes.Length)
        {
            var header = bytes.AsSpan(at, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(Mask(Crc32C.Compute(header)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8)));
            var data = bytes.AsSpan(at + 12, length).ToArray();
            Assert.Equal(Mask(Crc32C.Compute(data)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 12 + length)));
            records.Add(data);
            at += 12 + length + 4;
        }
        return records;
    }

    // Written out here rather than taken from the writer, so a wrong mask there cannot pass.
    static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8);
}
