using PostTrain.Modeling.Tokenization;

namespace PostTrain.Cli.Commands;

/// <summary>
/// Prints generated text as tokens arrive. A token can end inside a multi-byte character, so text is printed only up
/// to the last complete character; the rest waits for the next token.
/// </summary>
internal sealed class TextStream(ITextTokenizer? tokenizer, TextWriter output)
{
    readonly List<int> _ids = [];
    int _printed;

    public void Add(int token)
    {
        _ids.Add(token);
        if (tokenizer is null)
        {
            output.Write(_ids.Count == 1 ? $"{token}" : $",{token}");
            return;
        }
        var text = tokenizer.Decode(_ids);
        var complete = text.EndsWith('\uFFFD') ? text.TrimEnd('\uFFFD') : text;
        if (complete.Length > _printed)
        {
            output.Write(complete[_printed..]);
            _printed = complete.Length;
        }
        output.Flush();
    }

    public void Flush()
    {
        if (tokenizer is null) return;
        var text = tokenizer.Decode(_ids);
        if (text.Length > _printed) output.Write(text[_printed..]);
    }
}
