using Orleans.Serialization;
using Orleans.Storage;
using PostTrain.Modeling.Checkpoints;

namespace PostTrain.Actors.Hosting;

/// <summary>
/// Grain state in files, one per grain, written atomically (temp file, then rename) with Orleans' own serializer.
/// A file is an 8-byte write counter, the ETag, then the state: a stale activation's write is refused rather than
/// overwriting newer state.
/// </summary>
public sealed class FileGrainStorage(string directory, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }
        var bytes = await File.ReadAllBytesAsync(path);
        grainState.ETag = BitConverter.ToInt64(bytes, 0).ToString();
        grainState.State = serializer.Deserialize<T>(bytes.AsMemory(sizeof(long)))!;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var current = StoredETag(path);
        if (current?.ToString() != grainState.ETag)
            throw new InconsistentStateException($"state '{stateName}' of {grainId} changed underneath this activation", current?.ToString(), grainState.ETag);
        var next = (current ?? 0) + 1;
        var state = serializer.SerializeToArray(grainState.State);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(BitConverter.GetBytes(next));
            stream.Write(state);
        });
        grainState.ETag = next.ToString();
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    static long? StoredETag(string path)
    {
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        Span<byte> etag = stackalloc byte[sizeof(long)];
        stream.ReadExactly(etag);
        return BitConverter.ToInt64(etag);
    }

    // The grain id in hex, or its SHA-256 when that would pass the file system's 255-byte name limit (with room for
    // the temporary file's suffix); short names stay readable.
    string PathOf(string stateName, GrainId grainId)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(grainId.ToString());
        var name = bytes.Length <= 80 ? Convert.ToHexString(bytes) : "sha256-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
        return Path.Combine(directory, stateName, name + ".state");
    }
}
