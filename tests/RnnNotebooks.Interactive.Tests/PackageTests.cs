using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using RnnNotebooks.Interactive.Tests.Support;
using Xunit.Abstractions;

namespace RnnNotebooks.Interactive.Tests;

/// <summary>
/// The packages as a user gets them: RnnNotebooks and RnnNotebooks.Charts consumed by a separate project, and the
/// RnnNotebooks.Kernel tool installed, registered and running a notebook through Jupyter's nbconvert.
/// </summary>
public sealed class PackageTests(PackedRepository packed, ITestOutputHelper output) : IClassFixture<PackedRepository>
{
    [Theory]
    [InlineData("RnnNotebooks")]
    [InlineData("RnnNotebooks.Charts")]
    public void Library_package_carries_metadata_docs_and_readme(string id)
    {
        using var zip = ZipFile.OpenRead(packed.Package(id));
        var metadata = Nuspec(zip);
        Assert.Equal(id, Value(metadata, "id"));
        Assert.Equal(packed.Version, Value(metadata, "version"));
        Assert.True(Value(metadata, "description").Length > 40, $"{id}: a short description");
        Assert.Equal("MIT", Value(metadata, "license"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.NotNull(zip.GetEntry("README.md"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
        Assert.NotNull(zip.GetEntry($"lib/net10.0/{id}.dll"));
        var docs = zip.GetEntry($"lib/net10.0/{id}.xml");
        Assert.NotNull(docs);
        using var reader = new StreamReader(docs.Open());
        Assert.True(XDocument.Load(reader).Descendants("member").Count() > 20, $"{id}: its XML docs are nearly empty");
    }

    [Fact]
    public void Kernel_package_is_a_dotnet_tool()
    {
        using var zip = ZipFile.OpenRead(packed.Package("RnnNotebooks.Kernel"));
        var metadata = Nuspec(zip);
        Assert.Equal("DotnetTool", (string?)metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name"));
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var reader = new StreamReader(settings.Open());
        var command = XDocument.Load(reader).Descendants("Command").Single();
        Assert.Equal("rnn-notebooks-kernel", (string?)command.Attribute("Name"));
        Assert.Equal("RnnNotebooks.Kernel.dll", (string?)command.Attribute("EntryPoint"));
    }

    [Fact]
    public void A_separate_project_uses_the_packages()
    {
        var project = Path.Combine(packed.Work, "consumer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RnnNotebooks" Version="{packed.Version}" />
                <PackageReference Include="RnnNotebooks.Charts" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using RnnNotebooks.Charts;
            using RnnNotebooks.Data;
            using RnnNotebooks.Random;

            var random = new NumPyRandom(1337);
            var signal = Enumerable.Range(0, 50).Select(_ => random.NextDouble()).ToArray();
            var average = Ewma.RunningAverage(signal, 0.2);
            var steps = Enumerable.Range(0, signal.Length).Select(t => (double)t).ToArray();
            var chart = Plotly.NET.CSharp.Chart.Combine([
                Plotly.NET.CSharp.Chart.Line<double, double, string>(x: steps, y: signal, Name: "signal"),
                Plotly.NET.CSharp.Chart.Line<double, double, string>(x: steps, y: average, Name: "running average"),
            ]);
            Console.WriteLine(NotebookDisplay.FigureJson(chart));
            Console.WriteLine(new ResultTable("t", "signal", "average").AddRow(49, signal[49], average[49]).ToHtml());
            """);
        var run = ProcessRunner.Run("dotnet", ["run", "-c", "Release"], project, TimeSpan.FromMinutes(10), packed.NuGetEnvironment);
        Assert.True(run.ExitCode == 0, run.Describe("dotnet run of a project that references the packages"));
        var lines = run.Stdout.Trim().Split('\n');
        var figure = JsonNode.Parse(lines[^2])!;
        Assert.Equal(["signal", "running average"], figure["data"]!.AsArray().Select(t => (string?)t!["name"]));
        Assert.Equal(50, figure["data"]![1]!["y"]!.AsArray().Count);
        Assert.StartsWith("<table><thead><tr><th>t</th>", lines[^1]);
        output.WriteLine($"consumer project restored, built and ran in {run.Seconds:0.0} s");
    }

    [Fact]
    public void The_kernel_tool_installs_registers_and_runs_a_notebook()
    {
        var tools = Path.Combine(packed.Work, "tools");
        var install = ProcessRunner.Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", packed.Packages, "--version", packed.Version, "RnnNotebooks.Kernel"],
            packed.Work, TimeSpan.FromMinutes(5), packed.NuGetEnvironment);
        Assert.True(install.ExitCode == 0, install.Describe("dotnet tool install RnnNotebooks.Kernel"));
        var command = Path.Combine(tools, "rnn-notebooks-kernel");

        var jupyter = Path.Combine(packed.Work, "jupyter");
        var environment = new Dictionary<string, string?>(packed.NuGetEnvironment) { ["JUPYTER_DATA_DIR"] = jupyter, ["JUPYTER_PATH"] = jupyter };
        var register = ProcessRunner.Run(command, ["install"], packed.Work, TimeSpan.FromMinutes(2), environment);
        Assert.True(register.ExitCode == 0, register.Describe("rnn-notebooks-kernel install"));
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(jupyter, "kernels", ".net-csharp-rnn", "kernel.json")))!;
        var kernelDll = (string)spec["argv"]![1]!;
        Assert.StartsWith(tools, kernelDll); // the installed tool itself, not a copy published from the sources
        Assert.True(File.Exists(kernelDll), $"the kernelspec points at {kernelDll}, which does not exist");

        // The notebook's own kernelspec name picks the kernel: no kernel_name override.
        const string notebook = "02-ewma-one-unit-rnn.ipynb";
        var outDir = Path.Combine(packed.Work, "executed");
        var run = ProcessRunner.Run(ProcessRunner.Python,
            ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=900", "--output-dir", outDir, notebook],
            Repository.NotebooksDirectory, TimeSpan.FromMinutes(15), environment);
        Assert.True(run.ExitCode == 0, run.Describe($"nbconvert --execute {notebook} through the installed tool"));
        Assert.True(NotebookOutputs.AssertClean(Path.Combine(outDir, notebook)) > 0);
        output.WriteLine($"{notebook}: {run.Seconds:0.0} s through the installed kernel tool and nbconvert");

        var remove = ProcessRunner.Run(command, ["uninstall"], packed.Work, TimeSpan.FromMinutes(1), environment);
        Assert.True(remove.ExitCode == 0, remove.Describe("rnn-notebooks-kernel uninstall"));
        Assert.False(Directory.Exists(Path.Combine(jupyter, "kernels", ".net-csharp-rnn")));
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return XDocument.Load(reader).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static string Value(XElement metadata, string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
}
