namespace PostTrain.Recipes.Data;

/// <summary>One line or row has the wrong shape; the readers turn it into a <see cref="DatasetError"/>.</summary>
internal sealed class DatasetFormatException(string message) : Exception(message);
