using System.Globalization;
using System.Text;

namespace PostTrain.Rewards.Length;

/// <summary>
/// Length in words as the long-writing papers count it: every CJK character (Han, Hiragana, Katakana, Hangul) is one
/// word; elsewhere a word is a maximal run of letters, digits, marks and joining apostrophes or hyphens.
/// </summary>
public static class WordCounter
{
    public static int Count(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                words++;
                inWord = false;
            }
            else if (IsWordPart(rune) || (inWord && (rune.Value == '\'' || rune.Value == '-' || rune.Value == '\u2019')))
            {
                if (!inWord) words++;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
        return words;
    }

    static bool IsWordPart(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    static bool IsCjk(Rune rune) => rune.Value switch
    {
        >= 0x4E00 and <= 0x9FFF => true,   // CJK unified ideographs
        >= 0x3400 and <= 0x4DBF => true,   // extension A
        >= 0x20000 and <= 0x2FA1F => true, // extensions B-F and compatibility supplement
        >= 0xF900 and <= 0xFAFF => true,   // compatibility ideographs
        >= 0x3040 and <= 0x30FF => true,   // Hiragana and Katakana
        >= 0xAC00 and <= 0xD7AF => true,   // Hangul syllables
        _ => false,
    };
}
