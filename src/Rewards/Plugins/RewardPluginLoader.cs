using System.Reflection;
using System.Runtime.Loader;

namespace PostTrain.Rewards.Plugins;

/// <summary>
/// Loads a reward from a plug-in assembly (a path and a type name) into its own <see cref="AssemblyLoadContext"/>, so
/// the plug-in's dependencies cannot clash with PostTrain's. The contract assemblies (PostTrain.Core, PostTrain.Rewards)
/// are shared with the host, so the plug-in's type is a real <see cref="IRewardFunction"/>. Every problem is reported
/// before any training starts, naming the path or the type.
/// </summary>
public static class RewardPluginLoader
{
    public static IRewardFunction Load(string assemblyPath, string typeName)
    {
        var path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path)) throw new FileNotFoundException($"reward plug-in '{path}' does not exist");
        var context = new PluginLoadContext(path);
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException e)
        {
            throw new ArgumentException($"reward plug-in '{path}' is not a .NET assembly: {e.Message}", e);
        }
        var type = assembly.GetType(typeName)
                   ?? throw new ArgumentException($"reward plug-in '{path}' has no type '{typeName}'; its public types are: "
                                                  + string.Join(", ", assembly.GetExportedTypes().Select(t => t.FullName)));
        if (!typeof(IRewardFunction).IsAssignableFrom(type))
            throw new ArgumentException($"type '{typeName}' in '{path}' does not implement {nameof(IRewardFunction)}");
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"type '{typeName}' in '{path}' needs a public constructor without parameters");
        return (IRewardFunction)Activator.CreateInstance(type)!;
    }

    sealed class PluginLoadContext(string path) : AssemblyLoadContext($"reward-plugin:{Path.GetFileName(path)}")
    {
        static readonly HashSet<string> Shared = ["PostTrain.Core", "PostTrain.Rewards"];
        readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name is { } simple && Shared.Contains(simple)) return null; // from the host: one contract
            var resolved = _resolver.ResolveAssemblyToPath(name);
            return resolved is null ? null : LoadFromAssemblyPath(resolved);
        }
    }
}
