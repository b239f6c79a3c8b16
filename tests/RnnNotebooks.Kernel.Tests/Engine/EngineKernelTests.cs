using System.Diagnostics;
using System.Text.Json.Nodes;
using RnnNotebooks.Runtime.Packages;
using RnnNotebooks.Kernel.Tests.Support;
using RnnNotebooks.Runtime.Execution;

namespace RnnNotebooks.Kernel.Tests.Engine;

/// <summary>The kernel on the real engine, driven over ZeroMQ.</summary>
public sealed class EngineKernelTests : IDisposable
{
    private readonly string _packageCache = Directory.CreateTempSubdirectory("kernel-packages-").FullName;
    private readonly InProcessKernel _kernel;

    public EngineKernelTests()
    {
        var resolver = new LayeredPackageResolver(new OfflinePackageResolver(), new NuGetCliPackageResolver(_packageCache));
        _kernel = new InProcessKernel(() => new ScriptSession(new ScriptSessionOptions { WorkingDirectory = Path.GetTempPath(), PackageResolver = resolver }));
    }
    private TestFrontend Frontend => _kernel.Frontend;

    public void Dispose()
    {
        _kernel.Dispose();
        Directory.Delete(_packageCache, recursive: true);
    }

    [Fact]
    public void Interrupt_stops_while_true_and_the_next_cell_sees_earlier_variables()
    {
        Assert.Equal("ok", Frontend.Execute("var kept = 41;").Reply.Text("status"));
        var id = Frontend.SendShell("execute_request", new JsonObject { ["code"] = "while (true) {}", ["silent"] = false });
        WaitForExecuteInput(id);
        Thread.Sleep(500);
        Frontend.SendControl("interrupt_request", []);
        Assert.Equal("interrupt_reply", Frontend.ReceiveControl(TimeSpan.FromSeconds(5)).Type);
        var reply = Frontend.ReceiveShell(TimeSpan.FromSeconds(10));
        Assert.Equal(id, reply.ParentId);
        Assert.Equal("error", reply.Text("status"));
        var (next, iopub) = Frontend.Execute("kept + 1");
        Assert.Equal("ok", next.Text("status"));
        Assert.Equal("42", ResultText(iopub));
    }

    [Fact]
    public void Completion_returns_members_of_a_local_variable()
    {
        Frontend.Execute("var numbers = new List<int> { 1, 2, 3 };");
        const string code = "numbers.Co";
        Frontend.SendShell("complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length });
        var reply = Frontend.ReceiveShell(TimeSpan.FromSeconds(60));
        var matches = reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains("Count", matches);
        Assert.Contains("Contains", matches);
        Assert.DoesNotContain("Add", matches);
        Assert.Equal("numbers.".Length, reply.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(code.Length, reply.Content["cursor_end"]!.GetValue<int>());
    }

    [Fact]
    public void Inspect_gives_the_signature_of_the_symbol_under_the_cursor()
    {
        Frontend.Execute("var words = new List<string>();");
        const string code = "words.Add";
        Frontend.SendShell("inspect_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length, ["detail_level"] = 0 });
        var reply = Frontend.ReceiveShell(TimeSpan.FromSeconds(60));
        Assert.True(reply.Content["found"]!.GetValue<bool>());
        Assert.Contains("Add(string item)", reply.Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_throwing_cell_replies_error_with_the_exception()
    {
        var (reply, iopub) = Frontend.Execute("throw new InvalidOperationException(\"boom\");");
        Assert.Equal("error", reply.Text("status"));
        Assert.Contains("InvalidOperationException", reply.Text("ename"));
        Assert.Contains("boom", reply.Text("evalue"));
        Assert.Single(iopub, m => m.Type == "error");
        Assert.Equal("2", ResultText(Frontend.Execute("1 + 1").IOPub));
    }

    [Fact]
    public void A_display_updated_in_place_keeps_its_display_id()
    {
        var (reply, iopub) = Frontend.Execute("var h = display(\"step 0\");\nfor (var i = 1; i <= 3; i++) h.Update($\"step {i}\");");
        Assert.Equal("ok", reply.Text("status"));
        var display = Assert.Single(iopub, m => m.Type == "display_data");
        var updates = iopub.Where(m => m.Type == "update_display_data").ToList();
        Assert.NotEmpty(updates);
        var id = display.Content["transient"]!["display_id"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(id));
        Assert.All(updates, u => Assert.Equal(id, u.Content["transient"]!["display_id"]!.GetValue<string>()));
        Assert.Contains("step 3", updates[^1].Content["data"]!.ToJsonString());
    }

    [Fact]
    public void A_formatter_that_throws_is_reported_and_the_session_goes_on()
    {
        var (reply, iopub) = Frontend.Execute("class Bad { public override string ToString() => throw new InvalidOperationException(\"bad format\"); }\nnew Bad()");
        Assert.Contains(reply.Text("status"), new[] { "ok", "error" });
        Assert.Equal("idle", iopub[^1].Text("execution_state"));
        Assert.Equal("3", ResultText(Frontend.Execute("1 + 2").IOPub));
    }

    [Fact]
    public void Huge_output_is_capped_and_the_kernel_answers_the_next_cell()
    {
        var (reply, iopub) = Frontend.Execute("Console.Write(new string('x', 5_000_000));");
        Assert.Equal("ok", reply.Text("status"));
        var stdout = iopub.Where(m => m.Type == "stream" && m.Text("name") == "stdout").Sum(m => m.Text("text").Length);
        Assert.Equal(1_000_000, stdout);
        Assert.Contains(iopub, m => m.Type == "stream" && m.Text("name") == "stderr" && m.Text("text").Contains("truncated"));
        Assert.Equal("ok", Frontend.Execute("Console.WriteLine(\"still here\");").Reply.Text("status"));
    }

    [Fact]
    public void An_unobtainable_nuget_package_is_a_clear_error()
    {
        var (reply, _) = Frontend.Execute("#r \"nuget: RnnNotebooks.No.Such.Package, 9.9.9\"", TimeSpan.FromMinutes(3));
        Assert.Equal("error", reply.Text("status"));
        Assert.Contains("RnnNotebooks.No.Such.Package", reply.Text("evalue"));
        Assert.Contains("NU1101", reply.Text("evalue"));
        Assert.Equal("ok", Frontend.Execute("1").Reply.Text("status"));
    }

    private void WaitForExecuteInput(string id)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (Frontend.TryReceiveIOPub(TimeSpan.FromMilliseconds(100), out var m) && m!.ParentId == id && m.Type == "execute_input")
                return;
        }
        throw new TimeoutException("the cell never started");
    }

    private static string? ResultText(List<TestFrontend.Message> iopub)
        => iopub.SingleOrDefault(m => m.Type == "execute_result")?.Content["data"]?["text/plain"]?.GetValue<string>();
}
