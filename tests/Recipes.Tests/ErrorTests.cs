using PostTrain.Recipes.Validation;

namespace PostTrain.Recipes.Tests;

public sealed class ErrorTests
{
    static IReadOnlyList<string> Errors(string text, params string[] overrides)
    {
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Parse(text, "RECIPE.yaml", overrides));
        return e.Errors.Select(x => x.ToString()).ToList();
    }

    [Fact]
    public void Unknown_key_suggests_the_nearest()
    {
        var errors = Errors(Minimal.Grpo + "\nrollout:\n  segmnts: 4\n");
        Assert.Equal(["RECIPE.yaml:12: rollout.segmnts: unknown key; did you mean 'rollout.segments'?"], errors);
    }

    [Fact]
    public void Unknown_key_far_from_any_lists_the_known_ones_instead()
    {
        var error = Assert.Single(Errors(Minimal.Grpo + "\ncluster:\n  zzzzzz: 4\n"));
        Assert.Equal("RECIPE.yaml:12: cluster.zzzzzz: unknown key; known keys here: provider, connection, id, address", error);
    }

    [Fact]
    public void Key_in_the_wrong_section_points_to_its_section()
    {
        var error = Assert.Single(Errors(Minimal.Grpo + "\nlearner:\n  kl_estimator: k2\n"));
        Assert.Equal("RECIPE.yaml:12: learner.kl_estimator: unknown key; did you mean 'algorithm.grpo.kl_estimator'?", error);
    }

    [Fact]
    public void Wrong_type_says_what_was_expected()
    {
        var error = Assert.Single(Errors(Minimal.Grpo + "\nrollout:\n  group_size: abc\n"));
        Assert.Equal("RECIPE.yaml:12: rollout.group_size: expected an integer of at least 1, got 'abc'", error);
    }

    [Fact]
    public void Out_of_range_value_gives_the_range()
    {
        var error = Assert.Single(Errors(Minimal.Grpo + "\nalgorithm_x: 1\n".Replace("algorithm_x: 1\n", "learner:\n  warmup_ratio: 1.5\n")));
        Assert.Equal("RECIPE.yaml:12: learner.warmup_ratio: expected a number in [0, 1), got '1.5'", error);
    }

    [Fact]
    public void Bad_enum_lists_the_allowed_names_and_the_nearest()
    {
        var error = Assert.Single(Errors(Minimal.Grpo + "\nlearner:\n  backward: stream_bp\n"));
        Assert.Equal("RECIPE.yaml:12: learner.backward: expected one of plain, checkpoint, streambp, got 'stream_bp'; did you mean 'streambp'?", error);
    }

    [Fact]
    public void Missing_folder_is_resolved_against_the_recipe_folder()
    {
        using var folder = new RecipeFolder();
        var recipe = folder.Write("r.yaml", Minimal.Grpo.Replace("  init:\n    arch: qwen2", "  path: models/none"));
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Read(recipe));
        var expected = Path.Combine(folder.Path, "models", "none");
        Assert.Equal($"{recipe}:2: model.path: folder not found: {expected} (paths are relative to the recipe's folder)", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Existing_data_file_resolves_to_a_full_path()
    {
        using var folder = new RecipeFolder();
        folder.Write("data/train.jsonl", "{}\n");
        var recipe = folder.Write("r.yaml", Minimal.Grpo.Replace("task: arithmetic", "path: data/train.jsonl"));
        Assert.Equal(Path.Combine(folder.Path, "data", "train.jsonl"), RecipeReader.Read(recipe).Data.Train.Path);
    }

    [Fact]
    public void Missing_required_keys_are_reported()
    {
        var errors = Errors("rollout:\n  segments: 2\n");
        Assert.Contains("RECIPE.yaml: model: missing required key; give one of model.path, model.init", errors);
        Assert.Contains("RECIPE.yaml: algorithm.name: missing required key (one of grpo, dpo, sft, rm)", errors);
        Assert.Contains("RECIPE.yaml: data.train: missing required key; give one of data.train.path, data.train.task", errors);
    }

    [Fact]
    public void Missing_required_key_inside_a_given_section()
    {
        var error = Assert.Single(Errors(Minimal.Grpo.Replace("    arch: qwen2", "    preset: tiny")));
        Assert.Equal("RECIPE.yaml:2: model.init.arch: missing required key (architecture: one of qwen2, qwen3, llama)", error);
    }

    [Fact]
    public void Conflicting_keys_name_both()
    {
        using var folder = new RecipeFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "m"));
        var recipe = folder.Write("r.yaml", Minimal.Grpo.Replace("model:\n", "model:\n  path: m\n"));
        var e = Assert.Throws<RecipeException>(() => RecipeReader.Read(recipe));
        Assert.Equal($"{recipe}:3: model.init: conflicts with model.path; give only one of model.path, model.init", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Reward_entries_need_exactly_one_source()
    {
        var errors = Errors(Minimal.Grpo + "\n  - name: exact_match\n    http:\n      url: http://localhost:1/score\n  - weight: 2\n  - type: A.B\n");
        Assert.Contains("RECIPE.yaml:12: rewards[1].http: conflicts with rewards[1].name; give only one of rewards[1].name, rewards[1].plugin, rewards[1].http", errors);
        Assert.Contains("RECIPE.yaml:14: rewards[2]: missing required key; give one of rewards[2].name, rewards[2].plugin, rewards[2].http", errors);
        Assert.Contains("RECIPE.yaml:15: rewards[3].type: needs rewards[3].plugin, the assembly holding the type", errors);
    }

    [Fact]
    public void Unknown_reward_name_lists_the_built_in_ones()
    {
        var error = Assert.Single(Errors(Minimal.Grpo.Replace("math_verify", "math_verfy")));
        Assert.StartsWith("RECIPE.yaml:10: rewards[0].name: expected one of ", error);
        Assert.EndsWith("got 'math_verfy'; did you mean 'math_verify'?", error);
    }

    [Fact]
    public void All_errors_are_collected_not_only_the_first()
    {
        var errors = Errors(Minimal.Grpo + "\nrollout:\n  segmnts: 4\n  top_p: 2\nlearner:\n  lr: fast\n");
        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Grpo_needs_a_reward_and_redis_needs_a_connection()
    {
        var errors = Errors(Minimal.Grpo.Replace("rewards:\n  - name: math_verify", "cluster:\n  provider: redis"));
        Assert.Contains("RECIPE.yaml: rewards: missing required key (at least one reward for algorithm grpo)", errors);
        Assert.Contains("RECIPE.yaml:9: cluster.connection: missing required key (a Redis connection string for cluster.provider: redis)", errors);
    }

    [Fact]
    public void A_redis_connection_is_host_and_port_a_cluster_id_a_plain_name_and_an_address_an_ip()
    {
        var errors = Errors(Minimal.Grpo + "\ncluster:\n  provider: redis\n  connection: http://redis\n  id: my job\n  address: my-host\n");
        Assert.Contains("RECIPE.yaml:13: cluster.connection: expected redis://HOST:PORT, got 'http://redis'", errors);
        Assert.Contains("RECIPE.yaml:14: cluster.id: use letters, digits, '-', '_' or '.', got 'my job'", errors);
        Assert.Contains("RECIPE.yaml:15: cluster.address: expected an IP address such as 127.0.0.1, got 'my-host'", errors);
        Assert.Equal("10.0.0.5:6379", RecipeReader.Parse(Minimal.Grpo + "\ncluster:\n  provider: redis\n  connection: redis://10.0.0.5:6379\n", "RECIPE.yaml")
            .Cluster.ToCluster()!.Redis.ToString()["redis://".Length..]);
    }

    [Fact]
    public void Options_validators_report_against_the_recipe_key()
    {
        var errors = Errors(Minimal.Grpo + "\nrollout:\n  max_response_length: 16\n  segments: 32\n");
        Assert.Equal(["RECIPE.yaml:13: rollout.segments: must be between 1 and max_response_length (16), got 32"], errors);
        var temperature = Errors(Minimal.Grpo + "\nrollout:\n  temperature: 0\n");
        Assert.Equal(["RECIPE.yaml:12: rollout.temperature: must be > 0, got 0"], temperature);
    }

    [Fact]
    public void Length_and_reward_model_rewards_need_their_settings()
    {
        var errors = Errors(Minimal.Grpo + "\n  - name: length\n  - name: reward_model\n  - name: math_verify\n    max_length: 10\n    model: .\n");
        Assert.Contains("RECIPE.yaml:11: rewards[1].max_length: missing required key (L_max in words for the length reward, above every target range)", errors);
        Assert.Contains("RECIPE.yaml:12: rewards[2].model: missing required key (a trained reward model folder, or a reward_model section that trains one)", errors);
        Assert.Contains("RECIPE.yaml:14: rewards[3].max_length: applies to the length reward only (name: length)", errors);
        Assert.Contains("RECIPE.yaml:15: rewards[3].model: applies to the reward model reward only (name: reward_model)", errors);
    }

    [Fact]
    public void A_reward_model_stage_needs_pairs_and_a_reward_that_uses_it()
    {
        var errors = Errors(Minimal.Grpo + "\nreward_model:\n  steps: 5\n");
        Assert.Contains("RECIPE.yaml:11: reward_model.data: missing required key; give one of reward_model.data.path, reward_model.data.task", errors);
        Assert.Contains(errors, e => e.StartsWith("RECIPE.yaml:11: reward_model: the stage trains a reward model that no reward uses"));
    }

    [Fact]
    public void Rewards_with_settings_refuse_a_child_process()
    {
        var error = Assert.Single(Errors(Minimal.Grpo + "\n  - name: length\n    max_length: 50\n    isolation: child\n"));
        Assert.Equal("RECIPE.yaml:13: rewards[1].isolation: 'length' runs in process only (a child process knows the built-ins that need no settings)", error);
    }
}
