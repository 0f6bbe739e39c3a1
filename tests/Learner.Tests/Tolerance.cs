namespace PostTrain.Learner.Tests;

internal sealed class Tolerance(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double value) => 0;
}
