namespace PostTrain.Modeling.Tests.Support;

public static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Reference(string name) => Path.Combine(Root, "reference", name);

    public static string RealConfig(string name) => Path.Combine(Root, "real_configs", name);
}
