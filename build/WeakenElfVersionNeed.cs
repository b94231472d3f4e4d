// MSBuild task compiled by RoslynCodeTaskFactory (see TorchSharpNativePatch.targets). It marks one symbol-version
// requirement of an ELF64 little-endian shared library as weak, after proving that no dynamic relocation binds a
// symbol of that version. Written against the ELF gABI and the GNU symbol-versioning extension.
#nullable enable

public sealed class WeakenElfVersionNeed : Microsoft.Build.Utilities.Task
{
    private const uint SectionTypeRela = 4;
    private const uint SectionTypeRel = 9;
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;
    private const uint SectionTypeVersionSymbols = 0x6fffffff;
    private const ushort WeakVersionFlag = 0x2;

    [Microsoft.Build.Framework.Required]
    public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = System.Array.Empty<Microsoft.Build.Framework.ITaskItem>();

    [Microsoft.Build.Framework.Required]
    public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            if (!System.IO.File.Exists(path))
            {
                continue;
            }
            try
            {
                PatchFile(path);
            }
            catch (System.InvalidOperationException ex)
            {
                Log.LogError("{0}: {1}", path, ex.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void PatchFile(string path)
    {
        var stamp = System.IO.File.GetLastWriteTimeUtc(path);
        var image = System.IO.File.ReadAllBytes(path);
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new System.InvalidOperationException("not an ELF file");
        }
        if (image[4] != 2 || image[5] != 1)
        {
            throw new System.InvalidOperationException("only 64-bit little-endian ELF is supported");
        }
        var sections = ReadSections(image);
        var needs = System.Array.Find(sections, s => s.Type == SectionTypeVersionNeeds);
        if (needs is null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: no version needs; nothing to patch", path);
            return;
        }
        var strings = sections[needs.Link];
        var (auxOffset, versionIndex) = FindVersionNeed(image, needs, strings);
        if (auxOffset < 0)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "{0}: does not require {1}; left as is", path, VersionName);
            return;
        }
        var bindingSymbol = FindRelocationUsingVersion(image, sections, versionIndex);
        if (bindingSymbol is not null)
        {
            throw new System.InvalidOperationException($"relocation binds '{bindingSymbol}' of {VersionName}; making it weak would break the library");
        }
        var flags = ReadU16(image, auxOffset + 4);
        if ((flags & WeakVersionFlag) != 0)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "{0}: {1} already weak", path, VersionName);
            return;
        }
        WriteU16(image, auxOffset + 4, (ushort)(flags | WeakVersionFlag));
        System.IO.File.WriteAllBytes(path, image);
        // Keep the package's timestamp so the SDK's incremental copy sees an unchanged file and leaves the patched copy.
        System.IO.File.SetLastWriteTimeUtc(path, stamp);
        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, "{0}: marked version need {1} weak", path, VersionName);
    }

    private (long AuxOffset, int VersionIndex) FindVersionNeed(byte[] image, Section needs, Section strings)
    {
        long entry = needs.Offset;
        while (true)
        {
            var count = ReadU16(image, entry + 2);
            long aux = entry + ReadU32(image, entry + 8);
            for (var i = 0; i < count; i++)
            {
                var name = ReadString(image, strings.Offset + ReadU32(image, aux + 8));
                if (name == VersionName)
                {
                    return (aux, ReadU16(image, aux + 6) & 0x7fff);
                }
                aux += ReadU32(image, aux + 12);
            }
            var next = ReadU32(image, entry + 12);
            if (next == 0)
            {
                return (-1, -1);
            }
            entry += next;
        }
    }

    private static string? FindRelocationUsingVersion(byte[] image, Section[] sections, int versionIndex)
    {
        var versions = System.Array.Find(sections, s => s.Type == SectionTypeVersionSymbols)
            ?? throw new System.InvalidOperationException("version needs without a version symbol table");
        var symbols = sections[versions.Link];
        var symbolNames = sections[symbols.Link];
        foreach (var relocations in sections)
        {
            if ((relocations.Type != SectionTypeRela && relocations.Type != SectionTypeRel) || relocations.Link != versions.Link)
            {
                continue;
            }
            var entrySize = relocations.Type == SectionTypeRela ? 24 : 16;
            for (long at = relocations.Offset; at < relocations.Offset + relocations.Size; at += entrySize)
            {
                var symbol = (long)(ReadU64(image, at + 8) >> 32);
                if (symbol != 0 && (ReadU16(image, versions.Offset + symbol * 2) & 0x7fff) == versionIndex)
                {
                    return ReadString(image, symbolNames.Offset + ReadU32(image, symbols.Offset + symbol * 24));
                }
            }
        }
        return null;
    }

    private static Section[] ReadSections(byte[] image)
    {
        var tableOffset = (long)ReadU64(image, 0x28);
        var entrySize = ReadU16(image, 0x3A);
        var count = ReadU16(image, 0x3C);
        var sections = new Section[count];
        for (var i = 0; i < count; i++)
        {
            var at = tableOffset + (long)i * entrySize;
            sections[i] = new Section(ReadU32(image, at + 4), (long)ReadU64(image, at + 24), (long)ReadU64(image, at + 32), (int)ReadU32(image, at + 40));
        }
        return sections;
    }

    // Assembled byte by byte: the task factory compiles against netstandard, which lacks BinaryPrimitives.
    private static ushort ReadU16(byte[] b, long at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint ReadU32(byte[] b, long at) => ReadU16(b, at) | ((uint)ReadU16(b, at + 2) << 16);

    private static ulong ReadU64(byte[] b, long at) => ReadU32(b, at) | ((ulong)ReadU32(b, at + 4) << 32);

    private static void WriteU16(byte[] b, long at, ushort value)
    {
        b[at] = (byte)value;
        b[at + 1] = (byte)(value >> 8);
    }

    private static string ReadString(byte[] b, long at)
    {
        var end = (int)at;
        while (b[end] != 0)
        {
            end++;
        }
        return System.Text.Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }

    private sealed class Section
    {
        public Section(uint type, long offset, long size, int link)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public int Link { get; }
    }
}
