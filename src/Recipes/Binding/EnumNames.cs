namespace PostTrain.Recipes.Binding;

/// <summary>Maps a recipe's snake_case names (<c>zero_reward</c>, <c>streambp</c>) to C# enum members (ZeroReward, StreamBP).</summary>
public static class EnumNames
{
    public static T Parse<T>(string name) where T : struct, Enum
    {
        var wanted = Normalise(name);
        foreach (var value in Enum.GetValues<T>())
            if (Normalise(value.ToString()) == wanted) return value;
        throw new ArgumentException($"'{name}' names no {typeof(T).Name} (one of {string.Join(", ", Enum.GetNames<T>())})");
    }

    static string Normalise(string name) => name.Replace("_", "").ToLowerInvariant();
}
