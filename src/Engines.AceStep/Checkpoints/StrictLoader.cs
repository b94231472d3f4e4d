using TorchSharp;
using static TorchSharp.torch;

namespace AudioMusic.Engines.AceStep.Checkpoints;

/// <summary>Loads a module's parameters from safetensors files with strict checking: every parameter must be
/// present with the same shape, and every stored tensor must belong to a parameter unless it lies under one of
/// the declared unused prefixes. Any violation throws, naming the tensors involved.</summary>
public static class StrictLoader
{
    public static void Load(nn.Module module, IReadOnlyList<string> files, IReadOnlyList<string> unusedPrefixes)
    {
        var opened = files.Select(SafeTensorsFile.Open).ToList();
        try
        {
            var owners = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
            foreach (var file in opened)
            {
                foreach (var name in file.Entries.Keys)
                {
                    if (!owners.TryAdd(name, file))
                    {
                        throw new InvalidDataException($"tensor '{name}' appears in both {owners[name].Path} and {file.Path}");
                    }
                }
            }
            var parameters = module.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
            var missing = parameters.Keys.Where(n => !owners.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
            var unexpected = owners.Keys
                .Where(n => !parameters.ContainsKey(n) && !unusedPrefixes.Any(p => n.StartsWith(p, StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal).ToList();
            var mismatched = parameters
                .Where(p => owners.TryGetValue(p.Key, out var f) && !f.Entries[p.Key].Shape.SequenceEqual(p.Value.shape))
                .Select(p => $"{p.Key} (checkpoint [{string.Join(", ", owners[p.Key].Entries[p.Key].Shape)}], model [{string.Join(", ", p.Value.shape)}])")
                .ToList();
            if (missing.Count > 0 || unexpected.Count > 0 || mismatched.Count > 0)
            {
                throw new CheckpointMismatchException(missing, unexpected, mismatched);
            }
            foreach (var (name, parameter) in parameters)
            {
                owners[name].CopyInto(name, parameter);
            }
        }
        finally
        {
            foreach (var file in opened)
            {
                file.Dispose();
            }
        }
    }
}

public sealed class CheckpointMismatchException(IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> mismatched)
    : IOException(Describe(missing, unexpected, mismatched))
{
    public IReadOnlyList<string> Missing { get; } = missing;

    public IReadOnlyList<string> Unexpected { get; } = unexpected;

    public IReadOnlyList<string> Mismatched { get; } = mismatched;

    private static string Describe(IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> mismatched)
    {
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"missing tensors: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? $" and {missing.Count - 20} more" : "")}");
        }
        if (unexpected.Count > 0)
        {
            parts.Add($"unexpected tensors: {string.Join(", ", unexpected.Take(20))}{(unexpected.Count > 20 ? $" and {unexpected.Count - 20} more" : "")}");
        }
        if (mismatched.Count > 0)
        {
            parts.Add($"shape mismatches: {string.Join("; ", mismatched.Take(20))}");
        }
        return "checkpoint does not match the model: " + string.Join("; ", parts);
    }
}
