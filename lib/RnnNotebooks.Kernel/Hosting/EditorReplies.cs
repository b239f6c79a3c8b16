using System.Text.Json.Nodes;
using RnnNotebooks.Kernel.Protocol;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Hosting;

/// <summary>
/// Answers the editor requests of front ends from the session: <c>complete_request</c> (with the
/// <c>_jupyter_types_experimental</c> metadata JupyterLab and VS Code show), <c>inspect_request</c> and
/// <c>is_complete_request</c>. Cursor positions are converted between Jupyter's code points and .NET's UTF-16.
/// A request the session fails to answer gets an error reply (and a log line), never silence.
/// </summary>
internal static class EditorReplies
{
    /// <summary>Answers a <c>complete_request</c>, <c>inspect_request</c> or <c>is_complete_request</c>.</summary>
    public static void Answer(Messenger messenger, JupyterMessage request, IScriptSession? session, Action<string> log)
    {
        try
        {
            switch (request.MessageType)
            {
                case "complete_request":
                    Complete(messenger, request, session);
                    break;
                case "inspect_request":
                    Inspect(messenger, request, session);
                    break;
                case "is_complete_request":
                    IsComplete(messenger, request, session);
                    break;
                default:
                    throw new ArgumentException($"'{request.MessageType}' is not an editor request", nameof(request));
            }
        }
        catch (Exception e)
        {
            log($"{request.MessageType} failed: {e}");
            var error = JupyterOutputSink.ErrorContent(new CellError(e.GetType().Name, e.Message, [$"{e.GetType().FullName}: {e.Message}"]));
            error["status"] = "error";
            messenger.Reply(Channel.Shell, request, request.MessageType.Replace("_request", "_reply", StringComparison.Ordinal), error);
        }
    }

    private static void Complete(Messenger messenger, JupyterMessage request, IScriptSession? session)
    {
        var code = Text(request.Content, "code") ?? "";
        var cursor = CodePoints.ToUtf16(code, Int(request.Content, "cursor_pos") ?? int.MaxValue);
        var result = session?.CompleteAsync(code, cursor).GetAwaiter().GetResult() ?? new CompletionResult([], cursor, cursor);
        var start = CodePoints.FromUtf16(code, result.CursorStart);
        var end = CodePoints.FromUtf16(code, result.CursorEnd);
        var matches = new JsonArray();
        foreach (var match in result.Matches)
            matches.Add(match);
        var metadata = new JsonObject();
        if (result.Details is { } details)
        {
            var types = new JsonArray();
            foreach (var detail in details)
            {
                var entry = new JsonObject { ["start"] = start, ["end"] = end, ["text"] = detail.Text, ["type"] = detail.Kind };
                if (detail.Signature is not null)
                    entry["signature"] = detail.Signature;
                types.Add(entry);
            }
            metadata["_jupyter_types_experimental"] = types;
        }
        messenger.Reply(Channel.Shell, request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = matches,
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            ["metadata"] = metadata,
        });
    }

    private static void Inspect(Messenger messenger, JupyterMessage request, IScriptSession? session)
    {
        var code = Text(request.Content, "code") ?? "";
        var cursor = CodePoints.ToUtf16(code, Int(request.Content, "cursor_pos") ?? int.MaxValue);
        var result = session?.InspectAsync(code, cursor).GetAwaiter().GetResult();
        var data = new JsonObject();
        if (result is not null)
        {
            data["text/plain"] = result.PlainText;
            if (result.Markdown is not null)
                data["text/markdown"] = result.Markdown;
        }
        messenger.Reply(Channel.Shell, request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = result is not null,
            ["data"] = data,
            ["metadata"] = new JsonObject(),
        });
    }

    private static void IsComplete(Messenger messenger, JupyterMessage request, IScriptSession? session)
    {
        var code = Text(request.Content, "code") ?? "";
        var completeness = session?.IsComplete(code) ?? CodeCompleteness.Unknown;
        var reply = new JsonObject
        {
            ["status"] = completeness switch
            {
                CodeCompleteness.Complete => "complete",
                CodeCompleteness.Incomplete => "incomplete",
                CodeCompleteness.Invalid => "invalid",
                _ => "unknown",
            },
        };
        if (completeness == CodeCompleteness.Incomplete)
            reply["indent"] = NextIndent(code);
        messenger.Reply(Channel.Shell, request, "is_complete_reply", reply);
    }

    /// <summary>The indentation of the last non-blank line, one level deeper after an opening brace, bracket or parenthesis.</summary>
    public static string NextIndent(string code)
    {
        var last = code.Split('\n').LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "";
        var indent = last[..(last.Length - last.TrimStart().Length)];
        return last.TrimEnd() is var trimmed && (trimmed.EndsWith('{') || trimmed.EndsWith('(') || trimmed.EndsWith('[')) ? indent + "    " : indent;
    }

    private static string? Text(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject content, string name)
        => content[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
