using System.Buffers.Binary;

namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Writes scalars as a TensorBoard event file (<c>events.out.tfevents.&lt;unix-seconds&gt;.&lt;host&gt;</c>) that
/// <c>tensorboard --logdir</c> reads: TFRecord-framed <c>Event</c> protobufs, the first naming the file version.
/// Each event is flushed as it is written, so a crash loses at most the one being written. Not thread-safe.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    readonly FileStream file;
    readonly TimeProvider time;

    public TensorBoardWriter(string directory) : this(directory, TimeProvider.System) { }

    public TensorBoardWriter(string directory, TimeProvider time)
    {
        this.time = time;
        Directory.CreateDirectory(directory);
        var now = time.GetUtcNow();
        Path = System.IO.Path.Combine(directory, $"events.out.tfevents.{now.ToUnixTimeSeconds()}.{Environment.MachineName}");
        // FileMode.Append: two writers started within the same second on one host extend one valid file.
        file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        WriteRecord(TensorBoardEvent.Version(WallTime()));
    }

    /// <summary>The event file being written.</summary>
    public string Path { get; }

    /// <summary>
    /// Writes one event at <paramref name="step"/> holding every value, tagged <c>prefix/name</c> (just <c>name</c>
    /// when the prefix is empty), stored as 32-bit floats as TensorBoard's scalars are. NaN is written as NaN: a loss
    /// that diverged should show. Nothing is written for an empty dictionary.
    /// </summary>
    public void WriteScalars(long step, IReadOnlyDictionary<string, double> values, string prefix)
    {
        ObjectDisposedException.ThrowIf(!file.CanWrite, this);
        var scalars = values.Select(v => KeyValuePair.Create(prefix.Length == 0 ? v.Key : $"{prefix}/{v.Key}", (float)v.Value))
            .ToList();
        if (scalars.Count == 0) return;
        WriteRecord(TensorBoardEvent.Scalars(WallTime(), step, scalars));
    }

    public void Dispose() => file.Dispose();

    double WallTime() => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    // TFRecord: uint64 length, masked CRC32C of those 8 bytes, the data, masked CRC32C of the data; little-endian.
    void WriteRecord(byte[] data)
    {
        var record = new byte[8 + 4 + data.Length + 4];
        var span = record.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Crc32C.Masked(span[..8]));
        data.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(12 + data.Length)..], Crc32C.Masked(data));
        file.Write(record);
        file.Flush();
    }
}
