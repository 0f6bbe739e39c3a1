// MSBuild task (compiled by RoslynCodeTaskFactory): marks one GLIBC++ symbol-version requirement of a native
// library weak, so that it loads on a libstdc++ that lacks that version. See docs/native-runtime.md.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenGlibcxxRequirement : Task
{
    const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
    const ushort VersionFlagWeak = 0x2;             // VER_FLG_WEAK

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string Version { get; set; } = "";
    public string LibStdCxxSearchPath { get; set; } = "/usr/lib/x86_64-linux-gnu;/lib/x86_64-linux-gnu;/usr/lib64;/lib64;/usr/lib";

    public override bool Execute()
    {
        if (SystemLibStdCxxHasVersion())
        {
            Log.LogMessage(MessageImportance.Low, "libstdc++ provides " + Version + "; native libraries left untouched.");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                var changed = Patch(path);
                Log.LogMessage(MessageImportance.Normal, changed
                    ? "Marked " + Version + " weak in " + path
                    : path + " needs no change for " + Version);
            }
            catch (Exception e)
            {
                Log.LogError("Could not patch " + path + ": " + e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    bool SystemLibStdCxxHasVersion()
    {
        var needle = Encoding.ASCII.GetBytes(Version + "\0");
        foreach (var dir in LibStdCxxSearchPath.Split(';'))
        {
            var candidate = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(candidate))
                return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
        }
        return false;
    }

    bool Patch(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3a);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3c);
        bool changed = false;
        for (int i = 0; i < sectionCount; i++)
        {
            long header = sectionHeaders + (long)i * sectionHeaderSize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != SectionTypeVersionNeed) continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            long strings = (long)BitConverter.ToUInt64(elf, (int)(sectionHeaders + (long)link * sectionHeaderSize + 0x18));
            changed |= WeakenInVersionNeeds(elf, offset, strings);
        }
        if (!changed) return false;

        var temporary = path + ".patching";
        File.WriteAllBytes(temporary, elf);
        File.Replace(temporary, path, null); // atomic rename over the original
        return true;
    }

    // Walks Elf64_Verneed entries and their Elf64_Vernaux lists (16 bytes each).
    bool WeakenInVersionNeeds(byte[] elf, long need, long strings)
    {
        bool changed = false;
        while (true)
        {
            int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
            for (int a = 0; a < auxCount; a++)
            {
                var name = ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                if (name == Version && (flags & VersionFlagWeak) == 0)
                {
                    BitConverter.GetBytes((ushort)(flags | VersionFlagWeak)).CopyTo(elf, (int)aux + 4);
                    changed = true;
                }
                aux += BitConverter.ToUInt32(elf, (int)aux + 12);
            }
            uint next = BitConverter.ToUInt32(elf, (int)need + 12);
            if (next == 0) return changed;
            need += next;
        }
    }

    static string ReadString(byte[] data, long start)
    {
        long end = start;
        while (data[end] != 0) end++;
        return Encoding.ASCII.GetString(data, (int)start, (int)(end - start));
    }

    static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
