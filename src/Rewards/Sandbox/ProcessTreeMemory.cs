using System.Diagnostics;

namespace PostTrain.Rewards.Sandbox;

/// <summary>
/// Resident memory of a process and the processes it started. On Linux the sum of the resident sets over the process
/// and its descendants, from <c>/proc</c>; elsewhere the process's own working set. A process that is gone counts 0.
/// </summary>
internal sealed class ProcessTreeMemory(Process root)
{
    // Reading one resident set costs microseconds; finding the descendants (a file per thread) costs about 0.2 ms,
    // so they are looked up again only every few readings.
    const int ReadingsPerDescendantScan = 10;

    int[] _tree = [];
    int _readings;

    public long ResidentBytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            root.Refresh();
            return root.WorkingSet64;
        }
        if (_readings++ % ReadingsPerDescendantScan == 0) _tree = Descendants(root.Id).Prepend(root.Id).ToArray();
        return _tree.Sum(ResidentBytes);
    }

    // statm's second field is the resident set in pages, the figure status shows as VmRSS, and cheaper to read.
    static long ResidentBytes(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return fields.Length > 1 && long.TryParse(fields[1], out var pages) ? pages * Environment.SystemPageSize : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var parent))
            foreach (var child in Children(parent).Where(c => !found.Contains(c)))
            {
                found.Add(child);
                pending.Push(child);
            }
        return found;
    }

    static IEnumerable<int> Children(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return children;
    }
}
