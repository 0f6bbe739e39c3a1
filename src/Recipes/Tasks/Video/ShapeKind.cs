namespace PostTrain.Recipes.Tasks.Video;

public enum ShapeKind
{
    Square,
    Disc,
}
