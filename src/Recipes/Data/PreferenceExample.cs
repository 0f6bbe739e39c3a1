namespace PostTrain.Recipes.Data;

/// <summary>A prompt with a preferred and a dispreferred answer (DPO, reward models); each part is text or messages.</summary>
public sealed record PreferenceExample(string Id, ChatContent Prompt, ChatContent Chosen, ChatContent Rejected)
    : DatasetExample(Id);
