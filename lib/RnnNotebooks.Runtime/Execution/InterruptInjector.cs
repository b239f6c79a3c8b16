using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Rewrites a cell so that every loop body and every method, local function, accessor and block lambda
/// starts with <see cref="InterruptGate.Check"/>, and every statement of the cell's top-level code first
/// records its line with <see cref="InterruptGate.Reached"/> (optimized code loses the line of some
/// exceptions thrown there, such as a failed array bounds check). Only inserts text on existing lines
/// (never removes or adds lines), and records what it inserted so positions map back to the cell.
/// </summary>
internal sealed class InterruptInjector : CSharpSyntaxRewriter
{
    private static readonly SyntaxAnnotation Inserted = new("rnn-interrupt-check");
    private readonly int _sessionId;

    private InterruptInjector(int sessionId) => _sessionId = sessionId;

    /// <summary>The rewritten code and a map from its positions back to the original's.</summary>
    public static (string Code, PositionMap Map) Rewrite(SyntaxTree tree, int sessionId)
    {
        var root = new InterruptInjector(sessionId).Visit(tree.GetRoot());
        var spans = root.GetAnnotatedNodesAndTokens(Inserted)
            .Select(n => n.Span)
            .Where(s => s.Length > 0)
            .OrderBy(s => s.Start)
            .ToList();
        return (root.ToFullString(), new PositionMap(spans));
    }

    private StatementSyntax CheckStatement() =>
        ParseStatement($"global::RnnNotebooks.Runtime.Execution.InterruptGate.Check({_sessionId});")
            .WithoutTrivia().WithAdditionalAnnotations(Inserted);

    private StatementSyntax LineStatement(int line) =>
        ParseStatement($"global::RnnNotebooks.Runtime.Execution.InterruptGate.Reached({_sessionId}, {line});")
            .WithoutTrivia().WithAdditionalAnnotations(Inserted);

    private static int LineOf(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>Whether <paramref name="node"/> runs as the cell's own top-level code, not inside a member or lambda.</summary>
    private static bool IsTopLevel(SyntaxNode node) => !node.Ancestors().Any(a =>
        a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
            or AccessorDeclarationSyntax or BaseTypeDeclarationSyntax or ArrowExpressionClauseSyntax);

    /// <summary>Puts the line marker of each statement right before it, after its leading trivia.</summary>
    private SyntaxList<StatementSyntax> MarkLines(SyntaxList<StatementSyntax> original, SyntaxList<StatementSyntax> rewritten)
    {
        if (original.Count != rewritten.Count) return rewritten;
        var marked = new List<StatementSyntax>(rewritten.Count * 2);
        for (var i = 0; i < rewritten.Count; i++)
        {
            var statement = rewritten[i];
            if (statement is LocalFunctionStatementSyntax) { marked.Add(statement); continue; }
            marked.Add(LineStatement(LineOf(original[i])).WithLeadingTrivia(statement.GetLeadingTrivia()));
            marked.Add(statement.WithLeadingTrivia());
        }
        return List(marked);
    }

    public override SyntaxNode? VisitCompilationUnit(CompilationUnitSyntax node)
    {
        var n = (CompilationUnitSyntax)base.VisitCompilationUnit(node)!;
        if (node.Members.Count != n.Members.Count) return n;
        var members = new List<MemberDeclarationSyntax>(n.Members.Count * 2);
        for (var i = 0; i < n.Members.Count; i++)
        {
            if (n.Members[i] is GlobalStatementSyntax { Statement: not LocalFunctionStatementSyntax } global)
            {
                members.Add(GlobalStatement(LineStatement(LineOf(node.Members[i])).WithLeadingTrivia(global.GetLeadingTrivia())));
                members.Add(global.WithLeadingTrivia());
            }
            else members.Add(n.Members[i]);
        }
        return n.WithMembers(List(members));
    }

    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        var n = (BlockSyntax)base.VisitBlock(node)!;
        return IsTopLevel(node) ? n.WithStatements(MarkLines(node.Statements, n.Statements)) : n;
    }

    public override SyntaxNode? VisitSwitchSection(SwitchSectionSyntax node)
    {
        var n = (SwitchSectionSyntax)base.VisitSwitchSection(node)!;
        return IsTopLevel(node) ? n.WithStatements(MarkLines(node.Statements, n.Statements)) : n;
    }

    /// <summary>An embedded statement (<c>if (c) x[9] = 1;</c>) becomes a block so it can carry its own line.</summary>
    private StatementSyntax MarkEmbedded(StatementSyntax original, StatementSyntax rewritten)
    {
        if (rewritten is BlockSyntax || !IsTopLevel(original)) return rewritten;
        return Block(
            Token(SyntaxKind.OpenBraceToken).WithAdditionalAnnotations(Inserted),
            List([LineStatement(LineOf(original)).WithLeadingTrivia(rewritten.GetLeadingTrivia()), rewritten.WithLeadingTrivia()]),
            Token(SyntaxKind.CloseBraceToken).WithAdditionalAnnotations(Inserted));
    }

    public override SyntaxNode? VisitIfStatement(IfStatementSyntax node)
    {
        var n = (IfStatementSyntax)base.VisitIfStatement(node)!;
        return n.WithStatement(MarkEmbedded(node.Statement, n.Statement));
    }

    public override SyntaxNode? VisitElseClause(ElseClauseSyntax node)
    {
        var n = (ElseClauseSyntax)base.VisitElseClause(node)!;
        return node.Statement is IfStatementSyntax ? n : n.WithStatement(MarkEmbedded(node.Statement, n.Statement));
    }

    private BlockSyntax? Guard(BlockSyntax? block) =>
        block is null ? null : block.WithStatements(block.Statements.Insert(0, CheckStatement()));

    private StatementSyntax GuardBody(StatementSyntax original, StatementSyntax body) => body switch
    {
        BlockSyntax block => Guard(block)!,
        _ => Block(
                Token(SyntaxKind.OpenBraceToken).WithAdditionalAnnotations(Inserted),
                List(IsTopLevel(original)
                    ? [CheckStatement(), LineStatement(LineOf(original)).WithLeadingTrivia(body.GetLeadingTrivia()), body.WithLeadingTrivia()]
                    : new[] { CheckStatement(), body }),
                Token(SyntaxKind.CloseBraceToken).WithAdditionalAnnotations(Inserted)),
    };

    private ExpressionSyntax GuardExpression(ExpressionSyntax expression)
    {
        var tripped = ParseExpression($"global::RnnNotebooks.Runtime.Execution.InterruptGate.Tripped({_sessionId})")
            .WithoutTrivia().WithAdditionalAnnotations(Inserted);
        var fallback = ParseExpression("default!").WithoutTrivia().WithAdditionalAnnotations(Inserted);
        return ConditionalExpression(
            tripped,
            Token(SyntaxKind.QuestionToken).WithAdditionalAnnotations(Inserted),
            fallback,
            Token(SyntaxKind.ColonToken).WithAdditionalAnnotations(Inserted),
            expression);
    }

    private static bool CanGuardExpressionBody(TypeSyntax returnType, SyntaxTokenList modifiers) =>
        !(returnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword))
        && returnType is not RefTypeSyntax
        && !modifiers.Any(SyntaxKind.AsyncKeyword);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var n = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return n.WithStatement(GuardBody(node.Statement, n.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var n = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return n.WithStatement(GuardBody(node.Statement, n.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var n = (ForStatementSyntax)base.VisitForStatement(node)!;
        return n.WithStatement(GuardBody(node.Statement, n.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var n = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return n.WithStatement(GuardBody(node.Statement, n.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var n = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return n.WithStatement(GuardBody(node.Statement, n.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var n = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (n.Body is not null) return n.WithBody(Guard(n.Body));
        if (n.ExpressionBody is { } e && CanGuardExpressionBody(n.ReturnType, n.Modifiers))
            return n.WithExpressionBody(e.WithExpression(GuardExpression(e.Expression)));
        return n;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var n = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (n.Body is not null) return n.WithBody(Guard(n.Body));
        if (n.ExpressionBody is { } e && CanGuardExpressionBody(n.ReturnType, n.Modifiers))
            return n.WithExpressionBody(e.WithExpression(GuardExpression(e.Expression)));
        return n;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var n = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return n.Body is null ? n : n.WithBody(Guard(n.Body));
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var n = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return n.Body is null ? n : n.WithBody(Guard(n.Body));
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var n = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        return n.Body is null ? n : n.WithBody(Guard(n.Body));
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var n = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return n.Block is null ? n : n.WithBlock(Guard(n.Block));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var n = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return n.Block is null ? n : n.WithBlock(Guard(n.Block));
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var n = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return n.WithBlock(Guard(n.Block)!);
    }
}

/// <summary>
/// The second pass: with the compiled cell's semantic model, every expression-bodied lambda (<c>i =&gt; Math.Sqrt(i)</c>,
/// the usual LINQ argument) gets a check too, so a pipeline looping inside the framework stops at its next item.
/// Which form is valid depends on whether the lambda returns a value, which only the semantic model knows.
/// Lambdas converted to expression trees are left alone: a check would change the tree.
/// </summary>
internal sealed class ExpressionLambdaGuard(SemanticModel model, int sessionId) : CSharpSyntaxRewriter
{
    private static readonly SyntaxAnnotation Inserted = new("rnn-interrupt-check");

    /// <summary>The code with guarded lambdas and its map back to the first pass's code; null when nothing needs a guard.</summary>
    public static (string Code, PositionMap Map)? Rewrite(Compilation compilation, int sessionId, PositionMap firstPass)
    {
        var tree = compilation.SyntaxTrees.Last();
        var root = tree.GetRoot();
        if (!root.DescendantNodes().OfType<LambdaExpressionSyntax>().Any(l => l.ExpressionBody is not null)) return null;
        var rewritten = new ExpressionLambdaGuard(compilation.GetSemanticModel(tree), sessionId).Visit(root);
        var spans = rewritten.GetAnnotatedNodesAndTokens(Inserted).Select(n => n.Span).Where(s => s.Length > 0).OrderBy(s => s.Start).ToList();
        return spans.Count == 0 ? null : (rewritten.ToFullString(), new PositionMap(spans, firstPass));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) =>
        Guard(node, (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!);

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) =>
        Guard(node, (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!);

    private SyntaxNode Guard(LambdaExpressionSyntax original, LambdaExpressionSyntax rewritten)
    {
        if (original.ExpressionBody is not { } body || rewritten.ExpressionBody is not { } newBody
            || body is ThrowExpressionSyntax or RefExpressionSyntax
            || model.GetSymbolInfo(original).Symbol is not IMethodSymbol lambda || lambda.ReturnsByRef || lambda.ReturnsByRefReadonly
            || model.GetTypeInfo(original).ConvertedType is INamedTypeSymbol { Name: "Expression", ContainingNamespace: { Name: "Expressions", ContainingNamespace.Name: "Linq" } })
            return rewritten;
        var returnsNothing = lambda.ReturnsVoid
            || lambda.IsAsync && lambda.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" };
        if (returnsNothing)
        {
            var block = Block(
                Token(SyntaxKind.OpenBraceToken).WithAdditionalAnnotations(Inserted),
                List<StatementSyntax>([
                    ParseStatement($"global::RnnNotebooks.Runtime.Execution.InterruptGate.Check({sessionId});").WithoutTrivia().WithAdditionalAnnotations(Inserted),
                    ExpressionStatement(newBody.WithoutTrivia(), Token(SyntaxKind.SemicolonToken).WithAdditionalAnnotations(Inserted)),
                ]),
                Token(SyntaxKind.CloseBraceToken).WithAdditionalAnnotations(Inserted))
                .WithLeadingTrivia(newBody.GetLeadingTrivia()).WithTrailingTrivia(newBody.GetTrailingTrivia());
            return rewritten.WithExpressionBody(null).WithBlock(block);
        }
        var guarded = ConditionalExpression(
            ParseExpression($"global::RnnNotebooks.Runtime.Execution.InterruptGate.Tripped({sessionId})").WithoutTrivia().WithAdditionalAnnotations(Inserted),
            Token(SyntaxKind.QuestionToken).WithAdditionalAnnotations(Inserted),
            ParseExpression("default!").WithoutTrivia().WithAdditionalAnnotations(Inserted),
            Token(SyntaxKind.ColonToken).WithAdditionalAnnotations(Inserted),
            ParenthesizedExpression(
                Token(SyntaxKind.OpenParenToken).WithAdditionalAnnotations(Inserted),
                newBody.WithoutTrivia(),
                Token(SyntaxKind.CloseParenToken).WithAdditionalAnnotations(Inserted)))
            .WithLeadingTrivia(newBody.GetLeadingTrivia()).WithTrailingTrivia(newBody.GetTrailingTrivia());
        return rewritten.WithExpressionBody(guarded);
    }
}

/// <summary>Maps positions in rewritten code back to the original by subtracting inserted spans (then through an earlier pass's map).</summary>
internal sealed class PositionMap(IReadOnlyList<Microsoft.CodeAnalysis.Text.TextSpan> inserted, PositionMap? earlier = null)
{
    /// <summary>The original position of <paramref name="position"/> in the rewritten text.</summary>
    public int ToOriginal(int position)
    {
        var shift = 0;
        foreach (var span in inserted)
        {
            if (span.Start >= position) break;
            shift += Math.Min(span.End, position) - span.Start;
        }
        return earlier?.ToOriginal(position - shift) ?? position - shift;
    }
}
