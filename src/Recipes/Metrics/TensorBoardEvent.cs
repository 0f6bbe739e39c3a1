namespace PostTrain.Recipes.Metrics;

/// <summary>
/// Encodes the two kinds of <c>tensorflow.Event</c> a scalar log needs. Field numbers, from TensorFlow's
/// <c>event.proto</c> and <c>summary.proto</c>: Event.wall_time = 1 (double), step = 2 (int64), file_version = 3
/// (string), summary = 5; Summary.value = 1 (repeated); Summary.Value.tag = 1 (string), simple_value = 2 (float).
/// </summary>
internal static class TensorBoardEvent
{
    public const string FileVersion = "brain.Event:2";

    public static byte[] Version(double wallTime) =>
        new ProtoWriter().Double(1, wallTime).String(3, FileVersion).ToArray();

    public static byte[] Scalars(double wallTime, long step, IEnumerable<KeyValuePair<string, float>> values)
    {
        var summary = new ProtoWriter();
        foreach (var (tag, value) in values) summary.Message(1, new ProtoWriter().String(1, tag).Float(2, value));
        return new ProtoWriter().Double(1, wallTime).Int64(2, step).Message(5, summary).ToArray();
    }
}
