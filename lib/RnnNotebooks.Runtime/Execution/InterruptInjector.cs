using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RnnNotebooks.Runtime.Execution;

/// <summary>
/// Rewrites a cell so that every loop body and every method, local function, accessor and block lambda
/// starts with <see cref="InterruptGate.Check"/>. Only inserts text (never removes or adds lines), and
/// records what it inserted so positions in the rewritten code map back to the cell.
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
            .Select(n => n.FullSpan)
            .Where(s => s.Length > 0)
            .OrderBy(s => s.Start)
            .ToList();
        return (root.ToFullString(), new PositionMap(spans));
    }

    private StatementSyntax CheckStatement() =>
        ParseStatement($"global::RnnNotebooks.Runtime.Execution.InterruptGate.Check({_sessionId});")
            .WithoutTrivia().WithAdditionalAnnotations(Inserted);

    private BlockSyntax? Guard(BlockSyntax? block) =>
        block is null ? null : block.WithStatements(block.Statements.Insert(0, CheckStatement()));

    private StatementSyntax GuardBody(StatementSyntax body) => body switch
    {
        BlockSyntax block => Guard(block)!,
        _ => Block(
                Token(SyntaxKind.OpenBraceToken).WithAdditionalAnnotations(Inserted),
                List([CheckStatement(), body]),
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
        return n.WithStatement(GuardBody(n.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var n = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return n.WithStatement(GuardBody(n.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var n = (ForStatementSyntax)base.VisitForStatement(node)!;
        return n.WithStatement(GuardBody(n.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var n = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return n.WithStatement(GuardBody(n.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var n = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return n.WithStatement(GuardBody(n.Statement));
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

/// <summary>Maps positions in rewritten code back to the original by subtracting inserted spans.</summary>
internal sealed class PositionMap(IReadOnlyList<Microsoft.CodeAnalysis.Text.TextSpan> inserted)
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
        return position - shift;
    }
}
