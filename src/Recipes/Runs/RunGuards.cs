using System.Globalization;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Recipes.Binding;

namespace PostTrain.Recipes.Runs;

/// <summary>
/// Stops a run that has gone wrong: too many truncated samples or too many zero-variance groups for N updates in a
/// row, too many failed rewards in one step, a loss that is not finite.
/// </summary>
public sealed class RunGuards(GuardSpec spec)
{
    public GuardCounters Counters { get; set; } = new(0, 0);

    /// <summary>Checks one RL step's figures; throws <see cref="RunStoppedException"/> when a guard fires.</summary>
    public void AfterRolloutStep(long step, double truncationRatio, double zeroVarianceRatio, double rewardFailureRatio)
    {
        if (rewardFailureRatio > spec.MaxRewardFailureRatio)
            throw Stop(step, $"{Percent(rewardFailureRatio)} of the samples failed their reward (guards.max_reward_failure_ratio is {Percent(spec.MaxRewardFailureRatio)}); see the reward errors above");
        var truncation = truncationRatio >= spec.MaxTruncationRatio && truncationRatio > 0 ? Counters.TruncationStreak + 1 : 0;
        var zeroVariance = zeroVarianceRatio >= spec.MaxZeroVarianceRatio && zeroVarianceRatio > 0 ? Counters.ZeroVarianceStreak + 1 : 0;
        Counters = new GuardCounters(truncation, zeroVariance);
        if (truncation >= spec.TruncationSteps)
            throw Stop(step, $"the truncation ratio was at least {Percent(spec.MaxTruncationRatio)} for {truncation} updates in a row " +
                             "(guards.max_truncation_ratio, guards.truncation_steps); raise rollout.max_response_length or check the stop tokens");
        if (zeroVariance >= spec.ZeroVarianceSteps)
            throw Stop(step, $"at least {Percent(spec.MaxZeroVarianceRatio)} of the groups had equal rewards for {zeroVariance} updates in a row " +
                             "(guards.max_zero_variance_ratio, guards.zero_variance_steps): there is nothing to learn from; check the reward, or warm the model up");
    }

    /// <summary>
    /// Takes one update; a loss or gradient that is not finite (the loop has already refused to change any weight)
    /// stops the run.
    /// </summary>
    public static StepResult Update(long step, Func<StepResult> update)
    {
        try
        {
            return update();
        }
        catch (NonFiniteGradientException e)
        {
            throw Stop(step, e.Message + "; lower learner.lr or check the data", e);
        }
    }

    public static RunStoppedException Stop(long step, string why, Exception? inner = null) => new($"run stopped at step {step}: {why}", inner);

    static string Percent(double ratio) => (100 * ratio).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
