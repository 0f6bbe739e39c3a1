using static TorchSharp.torch;

namespace PostTrain.Modeling.Architecture;

/// <summary>
/// Which tokens of a [batch, time] input may attend to which, and their positions. Tokens attend causally within
/// their own document; document 0 is padding, which nothing attends to. Packed sequences hold several documents per
/// row, each with positions starting at 0, so attention never crosses documents.
/// </summary>
public sealed class AttentionLayout
{
    AttentionLayout(Tensor positions, Tensor? documents)
    {
        Positions = positions;
        Documents = documents;
    }

    /// <summary>Position ids [batch, time] for rotary embedding.</summary>
    public Tensor Positions { get; }

    /// <summary>Document ids [batch, time] (0 = padding); null for one unpadded document per row.</summary>
    public Tensor? Documents { get; }

    public static AttentionLayout Causal(long batch, long time, Device device) =>
        new(arange(time, dtype: ScalarType.Int64, device: device).unsqueeze(0).expand(batch, time), null);

    /// <summary>Left or right padding: <paramref name="paddingMask"/> [batch, time] is 1 for real tokens.</summary>
    public static AttentionLayout FromPadding(Tensor paddingMask)
    {
        var documents = paddingMask.to(ScalarType.Int64);
        return new AttentionLayout((documents.cumsum(1) - 1).clamp_min(0), documents);
    }

    /// <summary>Packed rows: <paramref name="documentIds"/> [batch, time] numbers each row's documents 1, 2, ... and padding 0.</summary>
    public static AttentionLayout Packed(Tensor documentIds)
    {
        var documents = documentIds.to(ScalarType.Int64);
        var time = documents.shape[1];
        var index = arange(time, dtype: ScalarType.Int64, device: documents.device).unsqueeze(0).expand_as(documents);
        // A document starts where the id changes; its positions count from that start.
        var starts = ones_like(documents, ScalarType.Bool);
        if (time > 1) starts[.., 1..] = documents[.., 1..].ne(documents[.., ..^1]);
        var startIndex = where(starts, index, zeros_like(index)).cummax(1).values;
        return new AttentionLayout(where(documents.ne(0), index - startIndex, zeros_like(index)), documents);
    }

    /// <summary>
    /// Boolean mask [batch, 1, rows, columns] for query rows [<paramref name="rowStart"/>, rowStart + rows) against
    /// key columns [0, <paramref name="columns"/>), with the causal diagonal offset to the row start. A padding
    /// query attends to itself only, so no softmax row is empty. Null when a plain causal flag is exact.
    /// </summary>
    public Tensor? Mask(long rowStart, long rows, long columns)
    {
        if (Documents is null && rowStart == 0 && rows == columns) return null;
        using var scope = NewDisposeScope();
        var device = Positions.device;
        var rowIndex = arange(rowStart, rowStart + rows, dtype: ScalarType.Int64, device: device).unsqueeze(1);
        var columnIndex = arange(columns, dtype: ScalarType.Int64, device: device).unsqueeze(0);
        var allowed = (columnIndex <= rowIndex).unsqueeze(0).unsqueeze(0);
        if (Documents is not null)
        {
            var rowDocuments = Documents.narrow(1, rowStart, rows).unsqueeze(2);
            var columnDocuments = Documents.narrow(1, 0, columns).unsqueeze(1);
            var sameDocument = rowDocuments.eq(columnDocuments).logical_and(columnDocuments.ne(0)).unsqueeze(1);
            allowed = allowed.logical_and(sameDocument).logical_or((columnIndex == rowIndex).unsqueeze(0).unsqueeze(0));
        }
        return allowed.MoveToOuterDisposeScope();
    }
}
