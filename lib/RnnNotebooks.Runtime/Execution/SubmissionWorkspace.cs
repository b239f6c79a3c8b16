using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// The session's submissions mirrored as a chain of Roslyn submission projects, so the editor services
/// (completion, quick info) see every variable, type and reference of the cells that ran. Each executed
/// cell becomes one project referencing the one before; a request adds a throwaway document as the next
/// submission. A request first adds the cells that ran since the one before; the workspace keeps their
/// compilations, so a request compiles only its own text. Framework references get the reference pack's XML docs.
/// Safe to use from several threads.
/// </summary>
internal sealed class SubmissionWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost, WorkspaceKind.Interactive);
    private readonly Type _globalsType;
    private readonly List<Script> _mirrored = [];
    private readonly Dictionary<string, MetadataReference> _documented = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private ProjectId? _lastSubmission;
    // Reference fields only: a struct here would make loading the session load the workspace assemblies.
    private ScriptOptions? _nextOptions;
    private DocumentId? _nextDocument;

    /// <summary>Creates an empty workspace for sessions whose cells see <paramref name="globalsType"/>'s members.</summary>
    public SubmissionWorkspace(Type globalsType) => _globalsType = globalsType;

    /// <summary>
    /// A document holding <paramref name="code"/> as the cell that would run after <paramref name="lastScript"/>
    /// with <paramref name="options"/> (the session's current references and imports).
    /// </summary>
    public Document Document(Script? lastScript, ScriptOptions options, string code)
    {
        lock (_gate)
        {
            var changed = Mirror(lastScript);
            if (changed || _nextDocument is null || !ReferenceEquals(_nextOptions, options))
            {
                _nextDocument = AddNextSubmission(lastScript, options);
                _nextOptions = options;
                // Built once here, each request's compilation derives from this one instead of binding every reference again.
                _workspace.CurrentSolution.GetProject(_nextDocument.ProjectId)!.GetCompilationAsync().GetAwaiter().GetResult();
            }
            return _workspace.CurrentSolution.WithDocumentText(_nextDocument, SourceText.From(code)).GetDocument(_nextDocument)!;
        }
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Adds a project for every executed cell the workspace does not have yet; true when it added any.</summary>
    private bool Mirror(Script? lastScript)
    {
        var chain = new List<Script>();
        for (var script = lastScript; script is not null; script = script.Previous)
            chain.Add(script);
        chain.Reverse();
        var shared = 0;
        while (shared < _mirrored.Count && shared < chain.Count && ReferenceEquals(_mirrored[shared], chain[shared]))
            shared++;
        if (shared < _mirrored.Count)
        {
            // Not a continuation of what is mirrored (cannot happen within one session): start over.
            _workspace.ClearSolution();
            _mirrored.Clear();
            _lastSubmission = null;
            _nextDocument = null;
            shared = 0;
        }
        if (shared == chain.Count)
            return false;
        RemoveNextSubmission();
        foreach (var script in chain.Skip(shared))
        {
            var compilation = script.GetCompilation();
            _lastSubmission = AddSubmission(compilation, compilation.SyntaxTrees.Single().GetText(), $"cell {_mirrored.Count + 1}").ProjectId;
            _mirrored.Add(script);
        }
        return true;
    }

    /// <summary>The project of the next cell, compiled as the session would compile it, with an empty document.</summary>
    private DocumentId AddNextSubmission(Script? lastScript, ScriptOptions options)
    {
        RemoveNextSubmission();
        var next = lastScript is null
            ? Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create<object>("", options, _globalsType)
            : lastScript.ContinueWith<object>("", options);
        return AddSubmission(next.GetCompilation(), SourceText.From(""), "next cell");
    }

    private void RemoveNextSubmission()
    {
        if (_nextDocument is { } stale && !_workspace.TryApplyChanges(_workspace.CurrentSolution.RemoveProject(stale.ProjectId)))
            throw new InvalidOperationException("the editor workspace refused to drop a stale submission");
        _nextDocument = null;
    }

    private DocumentId AddSubmission(Compilation compilation, SourceText text, string name)
    {
        var projectId = ProjectId.CreateNewId(name);
        var documentId = DocumentId.CreateNewId(projectId, name);
        var assemblyName = compilation.AssemblyName ?? projectId.Id.ToString("N");
        _workspace.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            name,
            assemblyName,
            LanguageNames.CSharp,
            compilationOptions: compilation.Options,
            parseOptions: (compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions ?? CSharpParseOptions.Default).WithKind(SourceCodeKind.Script),
            documents: [DocumentInfo.Create(documentId, name, loader: TextLoader.From(TextAndVersion.Create(text, VersionStamp.Create())), sourceCodeKind: SourceCodeKind.Script)],
            projectReferences: _lastSubmission is null ? [] : [new ProjectReference(_lastSubmission)],
            metadataReferences: compilation.References.Select(Documented).Distinct(),
            isSubmission: true,
            hostObjectType: _globalsType));
        return documentId;
    }

    /// <summary>The same reference, with the reference pack's docs when it is a framework assembly.</summary>
    private MetadataReference Documented(MetadataReference reference)
    {
        if (reference is not PortableExecutableReference { FilePath: { } path } executable
            || FrameworkDocumentation.For(path) is not { } documentation)
            return reference;
        if (!_documented.TryGetValue(path, out var documented))
        {
            documented = executable.GetMetadata() is AssemblyMetadata metadata
                ? metadata.GetReference(documentation, filePath: path, display: executable.Display)
                : reference;
            _documented[path] = documented;
        }
        return documented;
    }
}
