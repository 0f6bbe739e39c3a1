namespace PostTrain.Recipes.LongGeneration;

/// <summary>One instruction through a macro-iteration: the Generator's answer and the Extender's lengthened text.</summary>
public sealed record LengthSample(string Instruction, string Initial, string Extended)
{
    public int InitialWords => ExtensionSplit.WordCount(Initial);
    public int ExtendedWords => ExtensionSplit.WordCount(Extended);
}
