using System.Text.Json.Nodes;
using RnnNotebooks.Kernel.Tests.Support;

namespace RnnNotebooks.Kernel.Tests.Engine;

/// <summary>The kernel executable, started on a connection file the way Jupyter starts it.</summary>
public sealed class KernelProcessTests
{
    [Fact]
    public void Runs_a_cell_and_exits_cleanly_on_shutdown()
    {
        using var kernel = new KernelProcess();
        kernel.WaitUntilReady();
        Assert.True(kernel.Frontend.Ping(TimeSpan.FromSeconds(5)));
        var (reply, iopub) = kernel.Frontend.Execute("Environment.ProcessId");
        Assert.Equal("ok", reply.Text("status"));
        Assert.Equal(kernel.Process.Id.ToString(), iopub.Single(m => m.Type == "execute_result").Content["data"]!["text/plain"]!.GetValue<string>());

        kernel.Frontend.SendControl("shutdown_request", new JsonObject { ["restart"] = false });
        Assert.Equal("shutdown_reply", kernel.Frontend.ReceiveControl().Type);
        Assert.True(kernel.Process.WaitForExit(15_000), "the kernel did not exit after shutdown_request");
        Assert.Equal(0, kernel.Process.ExitCode);
    }

    [Fact]
    public void Restart_shutdown_exits_and_a_new_process_starts_with_a_fresh_session()
    {
        using (var first = new KernelProcess())
        {
            first.WaitUntilReady();
            Assert.Equal("ok", first.Frontend.Execute("var survivor = 1;").Reply.Text("status"));
            first.Frontend.SendControl("shutdown_request", new JsonObject { ["restart"] = true });
            Assert.True(first.Frontend.ReceiveControl().Content["restart"]!.GetValue<bool>());
            Assert.True(first.Process.WaitForExit(15_000));
        }
        using var second = new KernelProcess();
        second.WaitUntilReady();
        var (reply, _) = second.Frontend.Execute("survivor");
        Assert.Equal("error", reply.Text("status"));
        Assert.Contains("survivor", reply.Text("evalue"));
    }

    [Fact]
    public void A_missing_connection_file_is_a_clear_error()
    {
        using var process = KernelProcess.Start(["/nonexistent/connection.json"]);
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("/nonexistent/connection.json", stderr);
    }
}
