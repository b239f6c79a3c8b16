using System.Text.Json.Nodes;

namespace RnnNotebooks.Runtime.Notebooks;

/// <summary>
/// The notebook metadata that names this collection's C# kernel. The kernelspec name starts with <c>.net-</c>, so
/// Polyglot Notebooks claims the notebook for .NET Interactive; Jupyter front ends (VS Code's Jupyter extension,
/// JupyterLab, nbconvert) pick the RnnNotebooks kernel registered under that exact name.
/// </summary>
public static class NotebookMetadata
{
    /// <summary>The kernel's registered name.</summary>
    public const string KernelName = ".net-csharp-rnn";

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

    /// <summary>The <c>polyglot_notebook</c> object: .NET Interactive's default kernel for the notebook is C#.</summary>
    public static JsonObject PolyglotNotebook() => new()
    {
        ["kernelInfo"] = new JsonObject
        {
            ["defaultKernelName"] = "csharp",
            ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["languageName"] = "C#", ["name"] = "csharp" }),
        },
    };

    /// <summary>Notebook metadata with the three objects, keys sorted as Jupyter writes them.</summary>
    public static JsonObject CSharp() => new()
    {
        ["kernelspec"] = KernelSpec(),
        ["language_info"] = LanguageInfo(),
        ["polyglot_notebook"] = PolyglotNotebook(),
    };
}
