using PostTrain.Core.Seeding;
using PostTrain.Recipes.LongGeneration;

namespace PostTrain.Recipes.Pipelines;

/// <summary>
/// One Self-Lengthen macro-iteration (TECHNIQUES section 6): the Generator answers every instruction; answers that
/// pass the response check go through the extension micro-loop; samples grown past <c>min_growth</c> times their
/// initial length survive <c>drop_short</c>; then the Generator trains on instruction -> extended text and the Extender
/// on (instruction + initial text with line dropout) -> extended text. Both roles' data and every tried sample are
/// written under <c>iterations/N/</c>.
/// </summary>
public sealed class SelfLengthenIteration(RunContext c, SelfLengthenRoles roles)
{
    public const string SamplesFile = "samples.jsonl";
    public const string GeneratorDataFile = "generator.jsonl";
    public const string ExtenderDataFile = "extender.jsonl";

    public static string Folder(RunContext c, int iteration) => Path.Combine(c.Folder.Root, "iterations", iteration.ToString());

    public IterationReport Run(int iteration, IReadOnlyList<string> instructions)
    {
        var options = c.Recipe.Algorithm.SelfLengthen;
        var seed = StableSeed.Of(c.Recipe.Rollout.Seed, iteration);
        var initial = roles.Write(SelfLengthenRoles.Generator, instructions
            .Select((instruction, i) => new WritingRequest(SelfLengthenPrompts.Generator(instruction), "", StableSeed.Of(seed, 0, i))).ToList());
        var passing = Enumerable.Range(0, instructions.Count)
            .Where(i => !initial[i].Truncated && ResponseCheck.Passes(initial[i].Text)).ToList();

        var tried = passing.Select(i => (instructions[i], initial[i].Text)).ToList();
        var rounds = roles.Extend(tried, options.MicroRounds, StableSeed.Of(seed, 1));
        var samples = tried.Select((s, n) => new LengthSample(s.Item1, s.Item2, rounds.Texts[n])).ToList();
        var grown = samples.Where(s => ExtensionSplit.LongEnough(s.Initial, s.Extended, options.MinGrowth)).ToList();
        var random = new Random(StableSeed.Of(c.Recipe.Training.Seed, iteration));
        var kept = DropShort.Apply(grown, s => s.ExtendedWords, random);

        var generatorData = kept.Select(s => new RoleExample(SelfLengthenPrompts.Generator(s.Instruction), s.Extended)).ToList();
        var extenderData = kept.Select(s => new RoleExample(
            SelfLengthenPrompts.Extender(s.Instruction, LineDropout.Apply(s.Initial, random, options.LineKeep)), s.Extended)).ToList();
        var folder = Folder(c, iteration);
        SampleLog.Write(Path.Combine(folder, SamplesFile), samples, grown, kept);
        RoleDataFile.Write(Path.Combine(folder, GeneratorDataFile), generatorData);
        RoleDataFile.Write(Path.Combine(folder, ExtenderDataFile), extenderData);

        var (generatorLoss, generatorSteps) = kept.Count > 0 ? roles.Train(SelfLengthenRoles.Generator, generatorData, iteration) : (double.NaN, 0);
        var (extenderLoss, extenderSteps) = kept.Count > 0 ? roles.Train(SelfLengthenRoles.Extender, extenderData, iteration) : (double.NaN, 0);
        return new IterationReport(iteration, instructions.Count, passing.Count, grown.Count, kept, rounds.Tried, rounds.Accepted,
            Mean(initial.Select(t => ExtensionSplit.WordCount(t.Text))), Mean(grown.Select(s => s.ExtendedWords)))
        {
            GeneratorLoss = generatorLoss, GeneratorSteps = generatorSteps, ExtenderLoss = extenderLoss, ExtenderSteps = extenderSteps,
        };
    }

    static double Mean(IEnumerable<int> values) => values.Select(v => (double)v).DefaultIfEmpty(double.NaN).Average();
}
