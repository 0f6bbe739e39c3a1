namespace PostTrain.Actors.Hosting;

/// <summary>
/// One trainer per cluster id. A trainer that starts while another trainer silo of its cluster id is still listed
/// as active waits for it to leave: a killed trainer is declared dead by the other silos within seconds, and until
/// then the directory still points the job's grains at it. A live one is a second job under the same id: refused.
/// </summary>
internal static class TrainerSilos
{
    public static async Task WaitUntilSoleTrainerAsync(IGrainFactory grains, string clusterId, TimeSpan limit)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var hosts = await management.GetDetailedHosts(onlyActive: true);
            var trainers = hosts.Where(h => h.SiloName.StartsWith(ClusterHosting.SiloNamePrefix(SiloRole.Trainer), StringComparison.Ordinal)).ToList();
            if (trainers.Count <= 1) return;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException(
                    $"cluster '{clusterId}' already has a trainer ({string.Join(", ", trainers.Select(t => $"{t.SiloName} at {t.SiloAddress}"))}); " +
                    "a second job needs its own cluster id (cluster.id, posttrain silo --cluster-id), or wait until the other trainer has stopped");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
