using PostTrain.Learner.Batches;
using PostTrain.Modeling.Tokenization;
using ModelChat = PostTrain.Modeling.Tokenization.ChatMessage;
using DataChat = PostTrain.Recipes.Data.ChatMessage;

namespace PostTrain.Recipes.Pipelines;

/// <summary>Turns chat messages into token ids with the tokenizer's chat template: prompts, and prompt/completion pairs.</summary>
public sealed class ChatEncoder(ITextTokenizer tokenizer)
{
    public ITextTokenizer Tokenizer => tokenizer;

    /// <summary>The conversation so far, ending with the assistant's turn opened.</summary>
    public int[] Prompt(IReadOnlyList<DataChat> messages) =>
        [.. tokenizer.Encode(tokenizer.ChatTemplate.Render(Convert(messages), addGenerationPrompt: true))];

    /// <summary>
    /// A prompt and the assistant's answer to it; the completion is what the template writes for that answer,
    /// end-of-turn token included, so a model trained on it learns to stop.
    /// </summary>
    public TrainingSequence Sequence(IReadOnlyList<DataChat> prompt, string answer)
    {
        var promptIds = Prompt(prompt);
        var full = tokenizer.Encode(tokenizer.ChatTemplate.Render(Convert([.. prompt, new DataChat("assistant", answer)]), addGenerationPrompt: false));
        if (full.Count > promptIds.Length && full.Take(promptIds.Length).SequenceEqual(promptIds))
            return new TrainingSequence(promptIds, full.Skip(promptIds.Length).ToArray());
        // A template whose rendering of the prompt is not a prefix of the whole: the answer and the end of turn.
        var completion = tokenizer.Encode(answer).ToList();
        if (StopTokenIds().FirstOrDefault(-1) is var stop and >= 0) completion.Add(stop);
        return new TrainingSequence(promptIds, completion);
    }

    /// <summary>Tokens that end an answer: the template's end of turn and the tokenizer's end of sequence.</summary>
    public int[] StopTokenIds()
    {
        var ids = new List<int>();
        if (tokenizer.ChatTemplate.EndOfTurnToken is { } endOfTurn && tokenizer.TokenToId(endOfTurn) is { } turn) ids.Add(turn);
        if (tokenizer.EosTokenId is { } eos && !ids.Contains(eos)) ids.Add(eos);
        return [.. ids];
    }

    static List<ModelChat> Convert(IEnumerable<DataChat> messages) => messages.Select(m => new ModelChat(m.Role, m.Content)).ToList();
}
