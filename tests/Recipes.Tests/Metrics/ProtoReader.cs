using System.Buffers.Binary;
using System.Text;

namespace PostTrain.Recipes.Tests.Metrics;

/// <summary>Decodes protobuf wire format into (field, value) pairs: ulong, double, float or byte[] by wire type.</summary>
internal static class ProtoReader
{
    public static List<(int Field, object Value)> Fields(byte[] message)
    {
        var fields = new List<(int, object)>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0: fields.Add((field, Varint(message, ref at))); break;
                case 1: fields.Add((field, BinaryPrimitives.ReadDoubleLittleEndian(message.AsSpan(at)))); at += 8; break;
                case 5: fields.Add((field, BinaryPrimitives.ReadSingleLittleEndian(message.AsSpan(at)))); at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((field, message.AsSpan(at, length).ToArray()));
                    at += length;
                    break;
                default: throw new InvalidDataException($"wire type {key & 7}");
            }
        }
        return fields;
    }

    public static T One<T>(this List<(int Field, object Value)> fields, int field) => (T)fields.Single(f => f.Field == field).Value;

    public static string Text(this List<(int Field, object Value)> fields, int field) => Encoding.UTF8.GetString(fields.One<byte[]>(field));

    static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
