namespace PostTrain.Modeling.Configuration;

internal static class RopeScalingReader
{
    public static RopeScaling? Read(JsonFields config)
    {
        var scaling = config.OptionalObject("rope_scaling");
        if (scaling is null) return null;
        // Newer configs say "rope_type", older ones "type".
        var typeKey = scaling.Has("rope_type") ? "rope_type" : "type";
        var type = scaling.OptionalString(typeKey) ?? "default";
        switch (type)
        {
            case "default":
                return null;
            case RopeScaling.Linear:
                return new RopeScaling(type, Factor(scaling));
            case RopeScaling.Llama3:
                return new RopeScaling(type, Factor(scaling),
                    scaling.OptionalDouble("low_freq_factor") ?? 1.0,
                    scaling.OptionalDouble("high_freq_factor") ?? 4.0,
                    scaling.OptionalInt("original_max_position_embeddings") ?? throw scaling.Invalid(
                        "original_max_position_embeddings", "missing; llama3 rope scaling needs it"));
            default:
                throw scaling.Invalid(typeKey, $"'{type}' is not supported; PostTrain implements 'linear' and 'llama3'");
        }
    }

    static double Factor(JsonFields scaling)
    {
        var factor = scaling.OptionalDouble("factor") ?? throw scaling.Invalid("factor", "missing; expected a number >= 1");
        return factor >= 1.0 ? factor : throw scaling.Invalid("factor", $"expected a number >= 1, found {factor}");
    }
}
