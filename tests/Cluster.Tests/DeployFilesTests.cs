using System.Text.RegularExpressions;
using AudioMusic.TestSupport;
using YamlDotNet.RepresentationModel;

namespace AudioMusic.Cluster.Tests;

/// <summary>The deploy files cannot be run here (no Docker engine, no Kubernetes cluster), so these tests check what can
/// be checked without one: every file parses, every file they name exists, every setting they pass is one the service
/// reads (as documented in the README's configuration table), the entry points are the assemblies the build makes, and
/// the ports agree.</summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Root = Checkout.Root;
    private static readonly string Deploy = Path.Combine(Root, "deploy");

    /// <summary>Variables that are not AudioMusic settings: the PostgreSQL and Grafana images', the .NET runtime's, and the pod
    /// facts that Orleans' Kubernetes hosting reads.</summary>
    private static readonly Regex ForeignVariable = ForeignVariablePattern();

    [Fact]
    public void Every_setting_the_deploy_files_pass_is_a_documented_key()
    {
        var documented = DocumentedKeys();
        var passed = ComposeEnvironment().Concat(KubernetesEnvironment()).Concat(SystemdEnvironment()).Distinct().ToList();
        Assert.NotEmpty(passed);
        var unknown = passed
            .Where(name => !ForeignVariable.IsMatch(name))
            .Select(name => name.Replace("__", ":", StringComparison.Ordinal))
            .Where(key => !documented.Any(d => d.EndsWith(":*", StringComparison.Ordinal)
                ? key.StartsWith(d[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(d, key, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(unknown.Count == 0, $"settings in deploy/ that the README does not document: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Compose_builds_from_dockerfiles_that_exist_and_waits_for_the_migration()
    {
        var services = (YamlMappingNode)Load(Path.Combine(Deploy, "compose.yaml"))[0]["services"];
        foreach (var (name, service) in services.Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value)))
        {
            if (service.Children.TryGetValue("build", out var build))
            {
                var context = Path.GetFullPath(Path.Combine(Deploy, Scalar(build, "context")));
                Assert.True(File.Exists(Path.Combine(context, Scalar(build, "dockerfile"))), $"{name}: dockerfile not found");
            }
        }
        Assert.Equal("migrate", ((YamlSequenceNode)services["migrate"]["command"]).Children.Select(c => ((YamlScalarNode)c).Value).Single());
        foreach (var dependent in new[] { "silo", "api" })
        {
            Assert.Equal("service_completed_successfully", Scalar(services[dependent]["depends_on"]["migrate"], "condition"));
        }
    }

    [Fact]
    public void Kubernetes_manifests_are_all_listed_and_well_formed()
    {
        var directory = Path.Combine(Deploy, "kubernetes");
        var kustomization = Load(Path.Combine(directory, "kustomization.yaml"))[0];
        var resources = ((YamlSequenceNode)kustomization["resources"]).Children.Select(r => ((YamlScalarNode)r).Value!).ToList();
        var files = Directory.GetFiles(directory, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        Assert.Equal(files.Order(), resources.Order());
        foreach (var resource in resources)
        {
            foreach (var document in Load(Path.Combine(directory, resource)))
            {
                Assert.False(string.IsNullOrEmpty(Scalar(document, "apiVersion")), $"{resource}: apiVersion");
                Assert.False(string.IsNullOrEmpty(Scalar(document, "kind")), $"{resource}: kind");
                Assert.False(string.IsNullOrEmpty(Scalar(document["metadata"], "name")), $"{resource}: metadata.name");
            }
        }
    }

    [Fact]
    public void The_autoscaling_overlay_adds_a_scaled_object_for_the_silo_deployment()
    {
        var directory = Path.Combine(Deploy, "kubernetes", "autoscaling");
        var kustomization = Load(Path.Combine(directory, "kustomization.yaml"))[0];
        var resources = ((YamlSequenceNode)kustomization["resources"]).Children.Select(r => ((YamlScalarNode)r).Value!).ToList();
        Assert.Equal(["../", "silo-scaledobject.yaml"], resources);
        var scaled = Load(Path.Combine(directory, "silo-scaledobject.yaml")).Single();
        Assert.Equal("ScaledObject", Scalar(scaled, "kind"));
        var silo = Load(Path.Combine(Deploy, "kubernetes", "silo.yaml")).Single(d => Scalar(d, "kind") == "Deployment");
        Assert.Equal(Scalar(silo["metadata"], "name"), Scalar(scaled["spec"]["scaleTargetRef"], "name"));
        var trigger = (YamlMappingNode)((YamlSequenceNode)scaled["spec"]["triggers"]).Children.Single();
        Assert.Equal("prometheus", Scalar(trigger, "type"));
        Assert.Contains("audiomusic_queue_depth", Scalar(trigger["metadata"], "query"), StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_silo_ports_match_the_configured_orleans_ports()
    {
        var directory = Path.Combine(Deploy, "kubernetes");
        var config = (YamlMappingNode)Load(Path.Combine(directory, "config.yaml"))[0]["data"];
        var silo = Load(Path.Combine(directory, "silo.yaml")).Single(d => Scalar(d, "kind") == "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)silo["spec"]["template"]["spec"]["containers"]).Children[0];
        var ports = ((YamlSequenceNode)container["ports"]).Children.Select(p => Scalar(p, "containerPort")).ToList();
        Assert.Contains(Scalar(config, "Orleans__SiloPort"), ports);
        Assert.Contains(Scalar(config, "Orleans__GatewayPort"), ports);
    }

    [Fact]
    public void Entry_points_are_the_assemblies_the_build_makes()
    {
        var silo = Path.GetFileName(BuildOutputs.SiloDll);
        var api = Path.GetFileName(BuildOutputs.ApiHostDll);
        Assert.Contains($"\"{silo}\"", File.ReadAllText(Path.Combine(Deploy, "docker", "silo.Dockerfile")));
        Assert.Contains($"\"{api}\"", File.ReadAllText(Path.Combine(Deploy, "docker", "apihost.Dockerfile")));
        Assert.Contains($"/{silo}", File.ReadAllText(Path.Combine(Deploy, "systemd", "audiomusic-silo.service")));
        Assert.Contains($"/{silo} migrate", File.ReadAllText(Path.Combine(Deploy, "systemd", "audiomusic-migrate.service")));
        Assert.Contains($"/{api}", File.ReadAllText(Path.Combine(Deploy, "systemd", "audiomusic-api.service")));
    }

    [Fact]
    public void Dockerfiles_copy_and_publish_paths_that_exist()
    {
        foreach (var dockerfile in Directory.GetFiles(Path.Combine(Deploy, "docker"), "*.Dockerfile"))
        {
            var text = File.ReadAllText(dockerfile);
            var copied = CopySource().Matches(text).SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            foreach (var source in copied)
            {
                Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"{Path.GetFileName(dockerfile)} copies {source}, which does not exist");
            }
            var projects = ProjectPath().Matches(text).Select(m => m.Value).ToList();
            Assert.NotEmpty(projects);
            Assert.All(projects, project => Assert.True(File.Exists(Path.Combine(Root, project)), $"{project} does not exist"));
        }
    }

    /// <summary>The keys in the first column of the README's configuration table, e.g. <c>Devices:CpuCount</c>.</summary>
    private static List<string> DocumentedKeys()
    {
        var readme = File.ReadAllLines(Path.Combine(Root, "README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("## Configuration", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md has no Configuration section");
        return readme.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => BacktickedKey().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToList();
    }

    private static IEnumerable<string> ComposeEnvironment()
    {
        var compose = (YamlMappingNode)Load(Path.Combine(Deploy, "compose.yaml"))[0];
        foreach (var service in ((YamlMappingNode)compose["services"]).Children.Values.OfType<YamlMappingNode>())
        {
            if (service.Children.TryGetValue("environment", out var environment))
            {
                foreach (var name in MappingKeys((YamlMappingNode)environment))
                {
                    yield return name;
                }
            }
        }
    }

    private static IEnumerable<string> KubernetesEnvironment()
    {
        var directory = Path.Combine(Deploy, "kubernetes");
        foreach (var document in Directory.GetFiles(directory, "*.yaml").SelectMany(Load))
        {
            var kind = Scalar(document, "kind");
            if (kind == "ConfigMap")
            {
                foreach (var name in MappingKeys((YamlMappingNode)document["data"]))
                {
                    yield return name;
                }
            }
            else if (kind is "Deployment" or "Job")
            {
                var containers = (YamlSequenceNode)document["spec"]["template"]["spec"]["containers"];
                foreach (var container in containers.Children.OfType<YamlMappingNode>())
                {
                    if (container.Children.TryGetValue("env", out var env))
                    {
                        foreach (var variable in ((YamlSequenceNode)env).Children)
                        {
                            yield return Scalar(variable, "name");
                        }
                    }
                }
            }
        }
    }

    private static IEnumerable<string> SystemdEnvironment()
    {
        var directory = Path.Combine(Deploy, "systemd");
        var lines = File.ReadAllLines(Path.Combine(directory, "audiomusic.env.example"))
            .Concat(Directory.GetFiles(directory, "*.service").SelectMany(File.ReadAllLines)
                .Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
                .Select(l => l["Environment=".Length..]));
        return lines.Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains('=')).Select(l => l[..l.IndexOf('=')]);
    }

    /// <summary>Keys of a mapping, following YAML merge keys (<c>&lt;&lt;: *anchor</c>) as compose uses them.</summary>
    private static IEnumerable<string> MappingKeys(YamlMappingNode mapping)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<")
            {
                foreach (var merged in MappingKeys((YamlMappingNode)value))
                {
                    yield return merged;
                }
            }
            else
            {
                yield return name;
            }
        }
    }

    private static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private static string Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(key, out var value) && value is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    [GeneratedRegex(@"^(POSTGRES_\w+|DOTNET_\w+|ASPNETCORE_\w+|POD_\w+|ORLEANS_\w+|GF_\w+)$")]
    private static partial Regex ForeignVariablePattern();

    [GeneratedRegex(@"`([A-Za-z][\w:*]*)`")]
    private static partial Regex BacktickedKey();

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopySource();

    [GeneratedRegex(@"src/[\w.]+/[\w.]+\.csproj")]
    private static partial Regex ProjectPath();
}
