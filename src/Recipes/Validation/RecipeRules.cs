namespace PostTrain.Recipes.Validation;

/// <summary>Rules across keys: which must be given together, which exclude each other, what an algorithm needs.</summary>
internal static class RecipeRules
{
    public static IEnumerable<RecipeError> Check(ResolvedRecipe r)
    {
        var errors = new List<RecipeError>();
        ExactlyOne(r, errors, "model", ["model.path", "model.init"], required: true);
        if (!r.IsGiven("algorithm.name") && !r.IsGiven("algorithm"))
            errors.Add(Missing(r, "algorithm.name", "one of grpo, dpo, sft, rm"));
        foreach (var data in DataSources)
            ExactlyOne(r, errors, data, [$"{data}.path", $"{data}.task"], required: data == "data.train" || data == "reward_model.data" && r.IsGiven("reward_model"));
        foreach (var data in DataSources)
        {
            foreach (var key in (string[])["count", "seed", "max_operand", "operations", "unmarked_answers", "min_words", "max_words", .. ChainKeys])
                if (r.IsGiven($"{data}.{key}") && r.IsGiven($"{data}.path"))
                    errors.Add(new RecipeError(r.OriginOf($"{data}.{key}"), $"{data}.{key}", $"applies to a built-in task, not to {data}.path"));
            if (r.StringOrNull($"{data}.task") is { } task && task is not ("long_cot" or "short_cot"))
                foreach (var key in ChainKeys.Where(k => r.IsGiven($"{data}.{k}")))
                    errors.Add(new RecipeError(r.OriginOf($"{data}.{key}"), $"{data}.{key}", $"applies to the long_cot and short_cot tasks, not to {task}"));
        }
        for (var i = 0; i < r.Count("rewards"); i++) CheckReward(r, errors, $"rewards[{i}]");
        var usesRewardModel = Enumerable.Range(0, r.Count("rewards")).Any(i => r.StringOrNull($"rewards[{i}].name") == "reward_model" && !r.IsGiven($"rewards[{i}].model"));
        if (r.IsGiven("reward_model") && !usesRewardModel)
            errors.Add(new RecipeError(r.OriginOf("reward_model"), "reward_model",
                "the stage trains a reward model that no reward uses; add '- name: reward_model' (without model) to rewards"));

        var algorithm = r.StringOrNull("algorithm.name");
        if (algorithm == "grpo" && r.Count("rewards") == 0)
            errors.Add(Missing(r, "rewards", "at least one reward for algorithm grpo"));
        if (r.IntOrNull("algorithm.sft.warmup_steps") > 0 && !r.IsGiven("data.warmup"))
            errors.Add(new RecipeError(r.OriginOf("algorithm.sft.warmup_steps"), "algorithm.sft.warmup_steps",
                "an SFT warm-up needs data.warmup (a path or a task)"));
        if (algorithm == "self_lengthen" && r["learner.lora.enabled"] is not true)
            errors.Add(new RecipeError(r.OriginOf("learner.lora.enabled"), "learner.lora.enabled",
                "algorithm self_lengthen trains two LoRA adapters (Generator and Extender); set learner.lora.enabled: true"));
        if (algorithm is "dpo" or "rm" && r["learner.lora.enabled"] is true)
            errors.Add(new RecipeError(r.OriginOf("learner.lora.enabled"), "learner.lora.enabled",
                $"LoRA trains with algorithm sft, grpo or self_lengthen; algorithm {algorithm} trains the whole model (set learner.lora.enabled: false)"));
        if (r.StringOrNull("cluster.provider") == "redis" && !r.IsGiven("cluster.connection"))
            errors.Add(Missing(r, "cluster.connection", "a Redis connection string for cluster.provider: redis"));
        CheckCluster(r, errors);
        return errors;
    }

    static void CheckCluster(ResolvedRecipe r, List<RecipeError> errors)
    {
        if (r.StringOrNull("cluster.connection") is { } connection)
        {
            try
            {
                Actors.Hosting.RedisEndpoint.Parse(connection, "cluster.connection", schemeRequired: false);
            }
            catch (ArgumentException e)
            {
                errors.Add(new RecipeError(r.OriginOf("cluster.connection"), "cluster.connection", e.Message["cluster.connection: ".Length..]));
            }
        }
        if (r.StringOrNull("cluster.address") is { } address && !System.Net.IPAddress.TryParse(address, out _))
            errors.Add(new RecipeError(r.OriginOf("cluster.address"), "cluster.address", $"expected an IP address such as 127.0.0.1, got '{address}'"));
        if (r.StringOrNull("cluster.id") is { } id && (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            errors.Add(new RecipeError(r.OriginOf("cluster.id"), "cluster.id", $"use letters, digits, '-', '_' or '.', got '{id}'"));
    }

    static void CheckReward(ResolvedRecipe r, List<RecipeError> errors, string entry)
    {
        ExactlyOne(r, errors, entry, [$"{entry}.name", $"{entry}.plugin", $"{entry}.http"], required: true);
        if (r.IsGiven($"{entry}.plugin") && !r.IsGiven($"{entry}.type"))
            errors.Add(Missing(r, $"{entry}.type", "the plug-in's reward type, full name"));
        if (r.IsGiven($"{entry}.type") && !r.IsGiven($"{entry}.plugin"))
            errors.Add(new RecipeError(r.OriginOf($"{entry}.type"), $"{entry}.type", $"needs {entry}.plugin, the assembly holding the type"));
        if (r.IsGiven($"{entry}.http") && r.StringOrNull($"{entry}.isolation") == "child")
            errors.Add(new RecipeError(r.OriginOf($"{entry}.isolation"), $"{entry}.isolation",
                "conflicts with http: a remote judge already runs outside this process"));
        var name = r.StringOrNull($"{entry}.name");
        if (name == "length" && !r.IsGiven($"{entry}.max_length"))
            errors.Add(Missing(r, $"{entry}.max_length", "L_max in words for the length reward, above every target range"));
        if (name != "length" && r.IsGiven($"{entry}.max_length"))
            errors.Add(new RecipeError(r.OriginOf($"{entry}.max_length"), $"{entry}.max_length", "applies to the length reward only (name: length)"));
        if (name != "reward_model" && r.IsGiven($"{entry}.model"))
            errors.Add(new RecipeError(r.OriginOf($"{entry}.model"), $"{entry}.model", "applies to the reward model reward only (name: reward_model)"));
        if (name == "reward_model" && !r.IsGiven($"{entry}.model") && !r.IsGiven("reward_model"))
            errors.Add(Missing(r, $"{entry}.model", "a trained reward model folder, or a reward_model section that trains one"));
        if (name is "length" or "reward_model" && r.StringOrNull($"{entry}.isolation") == "child")
            errors.Add(new RecipeError(r.OriginOf($"{entry}.isolation"), $"{entry}.isolation",
                $"'{name}' runs in process only (a child process knows the built-ins that need no settings)"));
    }

    static readonly string[] ChainKeys = ["min_operations", "max_operations", "max_value", "check_probability", "backtrack_probability"];

    static readonly string[] DataSources = ["data.train", "data.eval", "data.warmup", "reward_model.data", "reward_model.eval"];

    /// <summary>Exactly one of <paramref name="keys"/> under <paramref name="section"/>, when the section is given or required.</summary>
    static void ExactlyOne(ResolvedRecipe r, List<RecipeError> errors, string section, string[] keys, bool required)
    {
        var given = keys.Where(r.IsGiven).ToList();
        if (given.Count > 1)
            errors.Add(new RecipeError(r.OriginOf(given[1]), given[1], $"conflicts with {given[0]}; give only one of {string.Join(", ", keys)}"));
        else if (given.Count == 0 && (required || r.IsGiven(section)))
            errors.Add(new RecipeError(r.OriginOf(section), section, $"missing required key; give one of {string.Join(", ", keys)}"));
    }

    static RecipeError Missing(ResolvedRecipe r, string key, string expected) =>
        new(r.OriginOf(key), key, $"missing required key ({expected})");
}
