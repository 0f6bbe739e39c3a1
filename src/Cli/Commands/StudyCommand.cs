using System.CommandLine;
using PostTrain.Recipes.Studies;

namespace PostTrain.Cli.Commands;

/// <summary>
/// <c>posttrain study cot-structure RECIPE.yaml</c>: the long chain-of-thought structure study (clean traces against
/// content- and structure-perturbed ones, each trained from the same model and evaluated on the same held-out set).
/// </summary>
internal static class StudyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("RECIPE") { Description = "an SFT recipe whose data.train is the long_cot task" };
        var output = new Option<string?>("--out") { Description = "the study folder (default: runs/NAME-cot-structure)" };
        var set = new Option<string[]>("--set") { Description = "override a recipe key for every variant, e.g. --set learner.lr=1e-3 (repeatable)" };
        var steps = new Option<int?>("--steps") { Description = "SFT updates of every variant (default: the recipe's learner.total_steps)" };
        var variants = new Option<string?>("--variants")
        {
            Description = $"comma-separated variants to train (default: all; clean is required): {string.Join(", ", CotVariants.All.Select(v => v.Name()))}",
        };
        var fraction = new Option<double?>("--step-fraction") { Description = "share of steps shuffled or deleted (default 0.67)" };
        var digits = new Option<double?>("--digit-corruption") { Description = "chance that digit_corrupted changes a digit of a step (default 0.7)" };
        var seed = new Option<int?>("--seed") { Description = "seed of the transforms (default 0)" };
        var structure = new Command("cot-structure",
            "Train the recipe's SFT on clean, wrong_answer, digit_corrupted, keyword_removed, step_shuffled and step_deleted traces; compare held-out accuracy")
        {
            file, output, set, steps, variants, fraction, digits, seed,
        };
        structure.SetAction(result => CliAction.Run(() =>
        {
            var defaults = new CotStudyOptions();
            var options = new CotStudyOptions
            {
                Out = result.GetValue(output),
                Steps = result.GetValue(steps),
                Variants = result.GetValue(variants) is { } names ? names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(CotVariants.Parse).ToList() : defaults.Variants,
                StepFraction = result.GetValue(fraction) ?? defaults.StepFraction,
                DigitCorruption = result.GetValue(digits) ?? defaults.DigitCorruption,
                Seed = result.GetValue(seed) ?? defaults.Seed,
                Interactive = !Console.IsOutputRedirected,
            };
            CotStructureStudy.RunAsync(result.GetValue(file)!, result.GetValue(set) ?? [], options, Console.Out).GetAwaiter().GetResult();
            return 0;
        }));
        return new Command("study", "Studies that train several runs and compare them") { structure };
    }
}
