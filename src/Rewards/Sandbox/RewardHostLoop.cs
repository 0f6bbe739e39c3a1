using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PostTrain.Rewards.Plugins;

namespace PostTrain.Rewards.Sandbox;

/// <summary>
/// The reward host's side of <see cref="RewardHostProtocol"/>: loads one reward (<c>--builtin NAME</c> or
/// <c>--plugin PATH --type TYPE</c>), says it is ready, then answers requests until its input ends. A managed
/// out-of-memory is reported and ends the host, whose state can no longer be trusted.
/// </summary>
public static class RewardHostLoop
{
    public const int LoadFailed = 2;
    public const int OutOfMemory = 3;

    public static int Run(IReadOnlyList<string> arguments, TextReader input, TextWriter output)
    {
        IRewardFunction reward;
        try
        {
            reward = Load(arguments);
        }
        catch (Exception e)
        {
            // Whatever stops the reward from loading (a wrong path or type, a constructor that throws) is the answer.
            var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            Send(output, RewardHostProtocol.Fatal(cause is ArgumentException or IOException
                ? cause.Message
                : $"loading the reward threw {cause.GetType().Name}: {cause.Message}"));
            return LoadFailed;
        }
        Send(output, RewardHostProtocol.Ready(reward.Name));
        // Requests are read here and scored on a background thread, so that the end of input (the parent closed the
        // pipe, or died) ends the host even while a reward hangs.
        var requests = new BlockingCollection<string>();
        new Thread(() => Serve(reward, requests, output)) { IsBackground = true, Name = "reward" }.Start();
        while (input.ReadLine() is { } line) requests.Add(line);
        requests.CompleteAdding();
        return 0;
    }

    static IRewardFunction Load(IReadOnlyList<string> arguments) => arguments switch
    {
        ["--builtin", var name] => new ServiceCollection().AddBuiltInRewards().BuildServiceProvider()
            .GetRequiredService<RewardRegistry>().Resolve(name),
        ["--plugin", var path, "--type", var type] => RewardPluginLoader.Load(path, type),
        _ => throw new ArgumentException($"usage: posttrain-reward-host --builtin NAME | --plugin PATH --type TYPE (got: {string.Join(' ', arguments)})"),
    };

    static void Serve(IRewardFunction reward, BlockingCollection<string> requests, TextWriter output)
    {
        foreach (var line in requests.GetConsumingEnumerable())
        {
            var (id, samples) = RewardHostProtocol.ReadRequest(line);
            string reply;
            try
            {
                var outputs = reward.ScoreAsync(samples, CancellationToken.None).GetAwaiter().GetResult();
                reply = outputs.Count == samples.Length
                    ? RewardHostProtocol.Results(id, outputs)
                    : RewardHostProtocol.Failure(id, $"returned {outputs.Count} outputs for {samples.Length} samples");
            }
            catch (OutOfMemoryException e)
            {
                Send(output, RewardHostProtocol.Failure(id, e.GetType().Name, outOfMemory: true));
                Environment.Exit(OutOfMemory);
                return;
            }
            catch (Exception e)
            {
                reply = RewardHostProtocol.Failure(id, $"threw {e.GetType().Name}: {e.Message}");
            }
            Send(output, reply);
        }
    }

    static void Send(TextWriter output, string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
