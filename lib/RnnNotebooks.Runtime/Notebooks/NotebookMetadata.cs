using System.Text.Json.Nodes;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>The kernelspec and language_info that VS Code and Jupyter recognise as this collection's C# kernel.</summary>
public static class NotebookMetadata
{
    /// <summary>The kernel's registered name.</summary>
    public const string KernelName = "csharp-rnn";

    /// <summary>The kernel's display name.</summary>
    public const string KernelDisplayName = "C# (RnnNotebooks)";

    /// <summary>The <c>kernelspec</c> object.</summary>
    public static JsonObject KernelSpec() => new()
    {
        ["display_name"] = KernelDisplayName,
        ["language"] = "C#",
        ["name"] = KernelName,
    };

    /// <summary>The <c>language_info</c> object.</summary>
    public static JsonObject LanguageInfo() => new()
    {
        ["file_extension"] = ".cs",
        ["mimetype"] = "text/x-csharp",
        ["name"] = "C#",
        ["pygments_lexer"] = "csharp",
        ["version"] = LanguageVersion,
    };

    /// <summary>The C# language version the scripts compile with.</summary>
    public const string LanguageVersion = "14.0";

    /// <summary>Notebook metadata with both objects, keys sorted as Jupyter writes them.</summary>
    public static JsonObject CSharp() => new()
    {
        ["kernelspec"] = KernelSpec(),
        ["language_info"] = LanguageInfo(),
    };
}
