using System.Buffers.Binary;
using System.Text;

namespace PostTrain.Recipes.Metrics;

/// <summary>
/// The few protobuf wire-format encodings a TensorBoard scalar event needs: varints, 64-bit doubles, 32-bit floats
/// and length-delimited strings and sub-messages. Fields are written in the order the caller asks.
/// </summary>
internal sealed class ProtoWriter
{
    const int WireVarint = 0;
    const int WireFixed64 = 1;
    const int WireLengthDelimited = 2;
    const int WireFixed32 = 5;

    readonly MemoryStream buffer = new();

    public ProtoWriter Double(int field, double value)
    {
        Key(field, WireFixed64);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Key(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    /// <summary>An int64 field: negative values take ten bytes, as protobuf's two's-complement varint requires.</summary>
    public ProtoWriter Int64(int field, long value)
    {
        Key(field, WireVarint);
        Varint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public byte[] ToArray() => buffer.ToArray();

    ProtoWriter Bytes(int field, byte[] value)
    {
        Key(field, WireLengthDelimited);
        Varint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    void Key(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }
}
