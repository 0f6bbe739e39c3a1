namespace PostTrain.Recipes.Tasks.Video;

/// <summary>Screen directions: up is towards row 0.</summary>
public enum MotionDirection
{
    Left,
    Right,
    Up,
    Down,
}
