namespace PostTrain.Recipes.Tasks;

/// <summary>A task that generates its own problems from a random source, so a recipe needs no download.</summary>
public interface IBuiltinTask
{
    string Name { get; }

    TaskProblem Next(Random random);
}
