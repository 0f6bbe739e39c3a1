using System.CommandLine;
using PostTrain.Cli.Commands;

PostTrain.Modeling.Runtime.NativeHeap.LimitArenas();

var root = new RootCommand("PostTrain: post-train Hugging Face language models from .NET")
{
    InitModelCommand.Create(),
    InspectCommand.Create(),
    GenerateCommand.Create(),
    PostTrain.Cli.Bench.BenchCommand.Create(),
    RewardCommand.Create(),
    RecipeCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    PlotCommand.Create(),
    StudyCommand.Create(),
    SiloCommand.Create(),
};
return root.Parse(args).Invoke();
