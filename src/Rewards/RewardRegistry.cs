namespace PostTrain.Rewards;

/// <summary>Finds registered rewards by name; an unknown name is an error that lists the known ones.</summary>
public sealed class RewardRegistry
{
    readonly IServiceProvider _services;
    readonly Dictionary<string, RewardRegistration> _byName;

    public RewardRegistry(IServiceProvider services, IEnumerable<RewardRegistration> registrations)
    {
        _services = services;
        _byName = new Dictionary<string, RewardRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!_byName.TryAdd(registration.Name, registration))
                throw new InvalidOperationException($"two rewards are registered as '{registration.Name}'");
        }
    }

    public IReadOnlyList<string> Names => _byName.Keys.Order(StringComparer.Ordinal).ToList();

    public IRewardFunction Resolve(string name) =>
        _byName.TryGetValue(name, out var registration)
            ? registration.Create(_services)
            : throw new ArgumentException($"unknown reward '{name}'; known rewards: {string.Join(", ", Names)}");
}
