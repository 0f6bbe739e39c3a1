using PostTrain.Recipes.Metrics;

namespace PostTrain.Recipes.Runs;

/// <summary>Extra metric sinks a run subscribes to its <see cref="MetricsLog"/>.</summary>
public static class RunSinks
{
    /// <summary>TensorBoard event files under the run's <c>tensorboard/</c>, one scalar per metric, tagged phase/name.</summary>
    public static IDisposable TensorBoard(RunFolder folder, MetricsLog metrics)
    {
        var writer = new TensorBoardWriter(folder.TensorBoard);
        metrics.Written += (phase, step, values) => writer.WriteScalars(step, values, phase);
        return writer;
    }
}
