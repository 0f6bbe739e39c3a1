namespace PostTrain.Recipes.Data;

/// <summary>Collects a reader's errors up to the cap; <see cref="ThrowIfAny"/> raises them all as one <see cref="DatasetException"/>.</summary>
internal sealed class DatasetErrorLog(DatasetReadOptions options)
{
    private readonly List<DatasetError> errors = [];

    /// <summary>True once the cap is reached: stop reading.</summary>
    public bool Full => errors.Count >= Math.Max(1, options.MaxErrors);

    public void Add(DatasetError error) => errors.Add(error);

    public void ThrowIfAny(bool moreInput)
    {
        if (errors.Count > 0) throw new DatasetException(errors, stoppedEarly: Full && moreInput);
    }
}
