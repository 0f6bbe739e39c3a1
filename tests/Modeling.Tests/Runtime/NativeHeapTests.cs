using PostTrain.Modeling.Runtime;

namespace PostTrain.Modeling.Tests.Runtime;

public sealed class NativeHeapTests
{
    [Fact]
    public void GlibcAcceptsTheArenaCapUnlessTheEnvironmentSetsOne()
    {
        var expected = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null;
        Assert.Equal(expected, NativeHeap.LimitArenas());
        NativeHeap.Trim(); // and trimming still works after it
    }
}
