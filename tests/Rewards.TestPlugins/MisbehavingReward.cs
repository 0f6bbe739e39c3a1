using System.Diagnostics;
using System.Runtime.InteropServices;
using PostTrain.Core.Rewards;

namespace PostTrain.Rewards.TestPlugins;

/// <summary>
/// Scores a completion's length (sub-score <c>words</c>), unless the completion names a way to misbehave: <c>spin</c> (a busy loop that ignores
/// cancellation), <c>spawn</c> (starts <c>sleep</c>, writes its pid to metadata <c>pid_file</c>, then hangs),
/// <c>alloc</c> (managed memory without bound), <c>native-alloc</c> (native memory without bound), <c>failfast</c>,
/// <c>exit</c> (exit code 7), <c>throw</c>, <c>print</c> (writes to standard output, then scores).
/// </summary>
public sealed class MisbehavingReward : IRewardFunction
{
    static readonly List<byte[]> Hoard = [];

    public string Name => "misbehaving";

    public Task<IReadOnlyList<RewardOutput>> ScoreAsync(IReadOnlyList<RewardInput> batch, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<RewardOutput>>(batch.Select(Score).ToArray());

    static RewardOutput Score(RewardInput input)
    {
        switch (input.Completion)
        {
            case "spin":
                while (true) Thread.SpinWait(1000);
            case "spawn":
                using (var sleeper = Process.Start("sleep", "600")) File.WriteAllText(input.Metadata["pid_file"], sleeper.Id.ToString());
                Thread.Sleep(Timeout.Infinite);
                break;
            case "alloc":
                while (true)
                {
                    var block = new byte[1 << 20];
                    Array.Fill(block, (byte)1); // touched, so it is resident
                    Hoard.Add(block);
                }
            case "native-alloc":
                while (true)
                {
                    var block = Marshal.AllocHGlobal(1 << 20);
                    for (var offset = 0; offset < 1 << 20; offset += 4096) Marshal.WriteByte(block, offset, 1);
                }
            case "failfast":
                Environment.FailFast("the reward gave up");
                break;
            case "exit":
                Environment.Exit(7);
                break;
            case "throw":
                throw new InvalidOperationException("verifier crashed");
            case "print":
                Console.WriteLine("this line must not reach the protocol");
                break;
        }
        return new RewardOutput(input.Completion.Length)
        {
            SubScores = new Dictionary<string, double> { ["words"] = input.Completion.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length },
            Note = input.GroundTruth is null ? "no ground truth" : null,
        };
    }
}
