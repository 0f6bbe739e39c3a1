using System.Text;
using PostTrain.Rewards.Sandbox;

// Standard output carries the protocol alone: whatever a reward prints goes to standard error.
var utf8 = new UTF8Encoding(false);
var protocol = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = false };
Console.SetOut(Console.Error);
var requests = new StreamReader(Console.OpenStandardInput(), utf8);
// Exit rather than return: a thread the reward started must not keep the host alive once its input has ended.
Environment.Exit(RewardHostLoop.Run(args, requests, protocol));
