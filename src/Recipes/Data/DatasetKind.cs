namespace PostTrain.Recipes.Data;

/// <summary>Which layout a data set is read as.</summary>
public enum DatasetKind
{
    /// <summary>Prompts with ground truth (verl): <see cref="RlExample"/>.</summary>
    Rl,

    /// <summary>Conversations: <see cref="SftExample"/>.</summary>
    Sft,

    /// <summary>Prompt, chosen, rejected: <see cref="PreferenceExample"/>.</summary>
    Preference,
}
