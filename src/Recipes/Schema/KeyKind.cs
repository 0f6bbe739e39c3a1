namespace PostTrain.Recipes.Schema;

/// <summary>What a recipe key holds.</summary>
public enum KeyKind
{
    Integer,
    Number,
    Boolean,
    String,

    /// <summary>One of <see cref="RecipeKey.Allowed"/>.</summary>
    Enum,

    /// <summary>A list of strings; when <see cref="RecipeKey.Allowed"/> is not empty, each must be one of them.</summary>
    List,

    /// <summary>A path to an existing file, relative to the recipe's folder.</summary>
    File,

    /// <summary>A path to an existing folder, relative to the recipe's folder.</summary>
    Folder,

    /// <summary>A section: a mapping of further keys.</summary>
    Mapping,

    /// <summary>A list of mappings, each with the keys under <c>PATH[]</c>.</summary>
    MappingList,
}
