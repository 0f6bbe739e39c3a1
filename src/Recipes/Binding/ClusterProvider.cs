namespace PostTrain.Recipes.Binding;

/// <summary>Orleans clustering: <c>cluster.provider</c>.</summary>
public enum ClusterProvider
{
    /// <summary>This process is the whole system.</summary>
    Localhost,

    /// <summary>Silos find each other through Redis.</summary>
    Redis,
}
