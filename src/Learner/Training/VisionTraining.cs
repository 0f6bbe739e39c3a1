namespace PostTrain.Learner.Training;

/// <summary>Which part of a vision tower trains with the language model.</summary>
public enum VisionTraining
{
    /// <summary>The projector only; the ViT stays frozen (LLaVA's practice).</summary>
    Projector,

    /// <summary>The whole tower: ViT and projector.</summary>
    Encoder,

    /// <summary>Nothing: the tower is frozen.</summary>
    None,
}
