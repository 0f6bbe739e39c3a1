namespace PostTrain.Actors.Hosting;

/// <summary>What a silo of a PostTrain cluster hosts.</summary>
public enum SiloRole
{
    /// <summary>The <c>posttrain train</c> process: the controller, rollout buffer, policy store and reward grains.</summary>
    Trainer,

    /// <summary>A <c>posttrain silo</c> process: rollout workers (and stateless frame encoders) only.</summary>
    Worker,
}
