using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests;

public sealed class OverrideTests
{
    [Fact]
    public void Set_overrides_values_and_creates_sections()
    {
        var recipe = RecipeReader.Parse(Minimal.Grpo, "r.yaml",
            ["rollout.segments=4", "algorithm.grpo.beta=0.01", "cluster.provider=redis", "cluster.connection=localhost:6379",
             "learner.lora.target_modules=[q_proj, v_proj]", "learner.lora.enabled=true", "rewards[0].weight=2.5"]);
        Assert.Equal(4, recipe.Rollout.Segments);
        Assert.Equal(0.01, recipe.Algorithm.Grpo.Beta);
        Assert.Equal(Binding.ClusterProvider.Redis, recipe.Cluster.Provider);
        Assert.Equal(["q_proj", "v_proj"], recipe.Lora!.TargetModules);
        Assert.Equal(2.5, recipe.Rewards[0].Weight);
    }

    [Fact]
    public void Unknown_set_path_names_set_as_the_source()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo, "r.yaml", ["rollout.segmnts=4"]));
        Assert.Equal("--set: rollout.segmnts: unknown key; did you mean 'rollout.segments'?", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Bad_set_value_names_set_as_the_source()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo, "r.yaml", ["rollout.top_k=-1"]));
        Assert.Equal("--set: rollout.top_k: expected an integer of at least 0, got '-1'", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Malformed_set_is_reported()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo, "r.yaml", ["rollout.segments", "rewards[5].weight=1"]));
        Assert.Equal(
            ["--set: 'rollout.segments': expected key=value",
             "--set: rewards[5].weight: 'rewards' has no entry [5] to override (entries are added in the recipe file)"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void Set_into_a_scalar_is_refused()
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(Minimal.Grpo, "r.yaml", ["algorithm.name.x=1"]));
        Assert.Equal("--set: algorithm.name.x: 'algorithm.name' is 'grpo', not a mapping", Assert.Single(e.Errors).ToString());
    }
}
