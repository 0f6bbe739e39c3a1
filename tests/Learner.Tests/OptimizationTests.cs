using PostTrain.Learner.Optimization;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace PostTrain.Learner.Tests;

public sealed class OptimizationTests
{
    [Fact]
    public void SchedulesWarmUpThenDecayAsHuggingFaces()
    {
        var cosine = new LearningRateSchedule(ScheduleKind.Cosine, 1.0, TotalSteps: 10, WarmupSteps: 2);
        var linear = new LearningRateSchedule(ScheduleKind.Linear, 1.0, TotalSteps: 10, WarmupSteps: 2);
        var constant = new LearningRateSchedule(ScheduleKind.Constant, 0.5, TotalSteps: 10, WarmupSteps: 0);

        Assert.Equal(1 / 3.0, cosine.At(0), 12);
        Assert.Equal(2 / 3.0, cosine.At(1), 12);
        Assert.Equal(1.0, cosine.At(2), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 4 / 8)), cosine.At(6), 12);
        Assert.Equal(1 - 4 / 8.0, linear.At(6), 12);
        Assert.Equal(0.5, constant.At(7), 12);
        Assert.Equal(2, LearningRateSchedule.WithWarmupRatio(ScheduleKind.Cosine, 1, 20, 0.1).WarmupSteps);
    }

    [Fact]
    public void AdamWTakesPyTorchsStepWithDecoupledDecayOnMatricesOnly()
    {
        var matrix = new Parameter(tensor(new double[] { 1.0, -2.0 }, [1, 2]));
        var bias = new Parameter(tensor(new double[] { 0.5 }));
        matrix.grad = tensor(new double[] { 0.1, 0.3 }, [1, 2]);
        bias.grad = tensor(new double[] { -0.2 });
        var options = new AdamWOptions { LearningRate = 0.01, WeightDecay = 0.1 };
        var optimizer = new AdamW([("layer.weight", matrix), ("layer.bias", bias)], options);

        optimizer.Update(0.01);

        // Step 1: m = 0.1 g, v = 0.001 g^2, bias-corrected to g and g^2: the update is lr * g / (|g| + eps).
        double Expected(double p, double g, bool decay) => p * (decay ? 1 - 0.01 * 0.1 : 1) - 0.01 * g / (Math.Abs(g) + 1e-8);
        Assert.Equal(Expected(1.0, 0.1, true), matrix[0, 0].item<double>(), 12);
        Assert.Equal(Expected(-2.0, 0.3, true), matrix[0, 1].item<double>(), 12);
        Assert.Equal(Expected(0.5, -0.2, false), bias[0].item<double>(), 12);
        Assert.Equal(1, optimizer.Step);
    }

    [Fact]
    public void ClippingScalesToTheMaximumNormAndRefusesNonFiniteGradients()
    {
        var a = new Parameter(zeros(2, dtype: ScalarType.Float64)) { grad = tensor(new double[] { 3, 0 }) };
        var b = new Parameter(zeros(1, dtype: ScalarType.Float64)) { grad = tensor(new double[] { 4 }) };

        var norm = GradientClipping.ClipGlobalNorm([("a", a), ("b", b)], 1.0);

        Assert.Equal(5.0, norm, 12);
        Assert.Equal(3 / (5 + 1e-6), a.grad![0].item<double>(), 12);
        b.grad = tensor(new[] { double.NaN });
        var error = Assert.Throws<NonFiniteGradientException>(() => GradientClipping.ClipGlobalNorm([("a", a), ("b", b)], 1.0));
        Assert.Contains("'b'", error.Message);
    }
}
