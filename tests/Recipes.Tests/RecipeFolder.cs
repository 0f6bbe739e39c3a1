namespace PostTrain.Recipes.Tests;

/// <summary>A temporary folder holding recipe files (and whatever they point at); deleted on dispose.</summary>
internal sealed class RecipeFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("posttrain-recipes-").FullName;

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
