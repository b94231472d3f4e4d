namespace AudioMusic.Engines.BuiltIn.Vocals;

/// <summary>English words for the digits in lyrics ("24/7" is sung "twenty four seven").</summary>
public static class NumberWords
{
    private static readonly string[] Small =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>Words for a run of digits; runs longer than six digits are read digit by digit.</summary>
    public static IReadOnlyList<string> ForDigits(string digits)
    {
        if (digits.Length > 6 || !long.TryParse(digits, out var value))
        {
            return [.. digits.Where(char.IsAsciiDigit).Select(d => Small[d - '0'])];
        }
        var words = new List<string>();
        Append(value, words);
        return words;
    }

    private static void Append(long value, List<string> words)
    {
        if (value >= 1000)
        {
            Append(value / 1000, words);
            words.Add("thousand");
            if (value % 1000 != 0)
            {
                Append(value % 1000, words);
            }
            return;
        }
        if (value >= 100)
        {
            words.Add(Small[value / 100]);
            words.Add("hundred");
            if (value % 100 != 0)
            {
                Append(value % 100, words);
            }
            return;
        }
        if (value >= 20)
        {
            words.Add(Tens[value / 10]);
            if (value % 10 != 0)
            {
                words.Add(Small[value % 10]);
            }
            return;
        }
        words.Add(Small[value]);
    }
}
