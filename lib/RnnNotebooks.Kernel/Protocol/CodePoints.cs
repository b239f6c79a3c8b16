namespace RnnNotebooks.Kernel.Protocol;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points; .NET strings index UTF-16 code units.
/// The two differ only after characters outside the Basic Multilingual Plane (emoji, say).
/// </summary>
public static class CodePoints
{
    /// <summary>The UTF-16 index of code point <paramref name="codePoints"/> in <paramref name="text"/>, clamped to its length.</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var seen = 0; seen < codePoints && index < text.Length; seen++)
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        return index;
    }

    /// <summary>The number of code points in the first <paramref name="utf16Index"/> UTF-16 units of <paramref name="text"/>.</summary>
    public static int FromUtf16(string text, int utf16Index)
    {
        var count = 0;
        utf16Index = Math.Clamp(utf16Index, 0, text.Length);
        for (var i = 0; i < utf16Index; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < utf16Index && char.IsLowSurrogate(text[i + 1]))
                i++;
        }
        return count;
    }
}
