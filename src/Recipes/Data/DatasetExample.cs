namespace PostTrain.Recipes.Data;

/// <summary>One example read from a data set; <see cref="Id"/> is the file's own id, or <c>file:line</c> when it has none.</summary>
public abstract record DatasetExample(string Id);
