using System.Text.RegularExpressions;
using System.Xml.Linq;
using RecoveryCluster.Testing;

namespace RecoveryCluster.DeployTests;

/// <summary>
/// The Dockerfiles, read as text: no Docker engine builds them here, so these check what a build relies on (every
/// project and build file copied, two stages, a non-root user, the health check).
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [InlineData(ComposeFile.SiloDockerfile, "Silo/RecoveryCluster.Silo.csproj", "mcr.microsoft.com/dotnet/aspnet:10.0")]
    [InlineData(ComposeFile.WorkerDockerfile, "samples/Worker/RecoveryCluster.Worker.csproj", "mcr.microsoft.com/dotnet/runtime:10.0")]
    public void Builds_with_the_sdk_and_runs_as_a_non_root_user_on_the_runtime_image(string dockerfile, string project, string runtime)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, dockerfile));
        var stages = From().Matches(text).Select(m => m.Groups["image"].Value).ToList();
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", runtime], stages);
        Assert.Contains($"dotnet publish {project}", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER \$APP_UID\s*$", text);
        Assert.DoesNotMatch(@"(?m)^ENV RecoveryCluster__", text);
    }

    [Theory]
    [InlineData(ComposeFile.SiloDockerfile, "Silo/RecoveryCluster.Silo.csproj")]
    [InlineData(ComposeFile.WorkerDockerfile, "samples/Worker/RecoveryCluster.Worker.csproj")]
    public void Copies_the_build_files_and_every_project_the_program_references(string dockerfile, string project)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, dockerfile));
        var copied = Copy().Matches(text).SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        Assert.Contains("global.json", copied);
        Assert.Contains("Directory.Build.props", copied);
        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("eng/analyzers/BannedSymbols.txt", copied);
        foreach (var reference in ProjectClosure(project))
        {
            Assert.Contains(reference, copied);
            var folder = Path.GetDirectoryName(reference)!.Replace('\\', '/') + "/";
            Assert.True(copied.Contains(folder) || copied.Any(c => folder.StartsWith(c, StringComparison.Ordinal) && c.EndsWith('/')), $"{dockerfile} does not copy {folder}.");
        }
    }

    [Fact]
    public void The_silo_image_checks_healthz_on_its_http_port()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, ComposeFile.SiloDockerfile));
        Assert.Matches(@"(?s)HEALTHCHECK .*CMD curl [^\n]*http://127\.0\.0\.1:8080/healthz", text);
        Assert.Contains("EXPOSE 11111 30000 8080", text, StringComparison.Ordinal);
    }

    /// <summary>The project and every project it references, transitively, relative to the repository root.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var found = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (found.Contains(next))
            {
                continue;
            }

            found.Add(next);
            var folder = Path.GetDirectoryName(Path.Combine(Repository.Root, next))!;
            foreach (var reference in XDocument.Load(Path.Combine(Repository.Root, next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?m)^FROM (?<image>\S+)")]
    private static partial Regex From();

    // COPY lines from the build context (not --from=stage): every word but the last is a source.
    [GeneratedRegex(@"(?m)^COPY (?!--from)(?<sources>.+) \S+\s*$")]
    private static partial Regex Copy();
}
