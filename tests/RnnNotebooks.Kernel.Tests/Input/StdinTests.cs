using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Kernel.Tests.Support;
using RnnNotebooks.Runtime.Execution;
using RnnNotebooks.Runtime.Notebooks;

namespace RnnNotebooks.Kernel.Tests.Input;

/// <summary>
/// Console.ReadLine() in a cell: the kernel asks the front end (input_request) when the request allows stdin,
/// and fails clearly, without waiting, when it does not or when there is no front end at all (the headless runner).
/// </summary>
public sealed class StdinTests : IDisposable
{
    private readonly InProcessKernel _kernel = new(() => new ScriptSession(new ScriptSessionOptions { WorkingDirectory = AppContext.BaseDirectory }));

    private TestFrontend Frontend => _kernel.Frontend;

    public void Dispose() => _kernel.Dispose();

    [Fact]
    public void ReadLine_asks_the_front_end_and_the_cell_gets_the_answer()
    {
        var id = Frontend.SendShell("execute_request", TestFrontend.ExecuteContent(
            "Console.Write(\"Your name: \");\nvar name = Console.ReadLine();\nvar second = (char)Console.Read();\n$\"hello {name}, {second}\"", allowStdin: true));
        var first = Frontend.ReceiveStdin(TimeSpan.FromSeconds(60));
        Assert.Equal("input_request", first.Type);
        Assert.Equal(id, first.ParentId);
        Assert.False(first.Content["password"]!.GetValue<bool>());
        Frontend.ReplyInput(first, "Ada");
        var second = Frontend.ReceiveStdin(TimeSpan.FromSeconds(30));
        Assert.Equal("input_request", second.Type);
        Frontend.ReplyInput(second, "xyz");

        var reply = Frontend.ReceiveShell(TimeSpan.FromSeconds(60));
        Assert.Equal("ok", reply.Text("status"));
        var iopub = Frontend.IOPubUntilIdle(id);
        // The prompt the cell printed went out before the input request, so the person sees it.
        Assert.Contains(iopub, m => m.Type == "stream" && m.Text("text") == "Your name: ");
        Assert.Equal("hello Ada, x", iopub.Single(m => m.Type == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void ReadLine_without_allow_stdin_fails_at_once_with_a_clear_error()
    {
        var watch = Stopwatch.StartNew();
        var (reply, _) = Frontend.Execute("var line = Console.ReadLine();");
        Assert.Equal("error", reply.Text("status"));
        Assert.Equal("InvalidOperationException", reply.Text("ename"));
        Assert.Contains("allow_stdin", reply.Text("evalue"));
        Assert.Contains("Set the value in code instead", reply.Text("evalue"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        Assert.Equal("ok", Frontend.Execute("1 + 1").Reply.Text("status"));
    }

    [Fact]
    public void An_interrupt_ends_a_wait_for_input_and_the_session_goes_on()
    {
        Assert.Equal("ok", Frontend.Execute("var kept = 7;").Reply.Text("status"));
        var id = Frontend.SendShell("execute_request", TestFrontend.ExecuteContent("var never = Console.ReadLine();", allowStdin: true));
        Assert.Equal("input_request", Frontend.ReceiveStdin(TimeSpan.FromSeconds(60)).Type);
        Frontend.SendControl("interrupt_request", []);
        Assert.Equal("interrupt_reply", Frontend.ReceiveControl(TimeSpan.FromSeconds(10)).Type);
        var reply = Frontend.ReceiveShell(TimeSpan.FromSeconds(30));
        Assert.Equal(id, reply.ParentId);
        Assert.Equal("error", reply.Text("status"));
        Assert.Equal("KeyboardInterrupt", reply.Text("ename"));
        var (next, iopub) = Frontend.Execute("kept * 6");
        Assert.Equal("ok", next.Text("status"));
        Assert.Equal("42", iopub.Single(m => m.Type == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_headless_runner_has_no_stdin_so_ReadLine_is_a_clear_error_not_a_hang()
    {
        var notebook = NotebookDocument.Parse("""
            {"cells": [{"cell_type": "code", "metadata": {}, "source": ["var answer = Console.ReadLine();"], "outputs": [], "execution_count": null}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        using var session = new ScriptSession();
        var watch = Stopwatch.StartNew();
        var result = await NotebookExecutor.RunAsync(notebook, session, new NotebookRunOptions { CellTimeout = TimeSpan.FromSeconds(60) });
        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("InvalidOperationException", result.Error!.Name);
        Assert.Contains("without stdin", result.Error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        var error = notebook.Cells.Single().Outputs.Single(o => (string?)o!["output_type"] == "error")!;
        Assert.Contains("Console.ReadLine() needs input", (string?)error["evalue"]);
    }
}
