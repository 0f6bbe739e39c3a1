using PostTrain.Actors.Contracts;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Optimization;
using PostTrain.Recipes.Binding;

namespace PostTrain.Recipes.Tests;

public sealed class BindingTests
{
    const string Full = """
        name: full
        model:
          init: {arch: qwen3, preset: small, tokenizer: gpt2, seed: 7}
          dtype: bfloat16
        tokenizer:
          chat_template: chatml
        data:
          train: {task: countdown, count: 50, seed: 3}
        rollout:
          group_size: 4
          max_response_length: 256
          segments: 8
          active_samples: 16
          temperature: 0.7
          top_p: 0.9
          top_k: 20
          stop: ["</answer>"]
          truncation: mask
          dynamic_sampling: true
          reward_failure: fallback_score
          fallback_score: -1
          workers: 2
          refill_samples: 8
        algorithm:
          name: grpo
          grpo:
            clip_low: 0.1
            clip_high: 0.28
            dual_clip: 3
            beta: 0.04
            kl_estimator: k2
            entropy_coef: 0.001
            loss_aggregation: seq_mean_token_sum_norm
            max_completion_length: 256
            scale_rewards: false
            importance_sampling: sais
            dmmpt: true
        rewards:
          - name: math_verify
            weight: 0.8
          - http: {url: "http://judge:8000/score", timeout: 12.5}
            weight: 0.2
        rewards_composition: averaged_advantages
        reward_limits: {timeout: 5, max_consecutive_failures: 3}
        learner:
          lr: 2.0e-6
          schedule: cosine
          warmup_ratio: 0.1
          total_steps: 300
          batch_size: 4
          gradient_accumulation: 2
          max_grad_norm: 0.5
          weight_decay: 0.01
          backward: checkpoint
          memory_budget_mb: 1024
          lora: {enabled: true, rank: 16, alpha: 32, dropout: 0, target_modules: [q_proj, k_proj]}
        cluster: {provider: redis, connection: "redis:6379", id: run1}
        logging: {every: 5, sinks: [jsonl]}
        checkpoints: {every: 25, keep: 3}
        """;

    [Fact]
    public void Full_recipe_binds_to_the_options_types()
    {
        var r = RecipeReader.Parse(Full, "full.yaml");
        Assert.Equal(new ModelInit("qwen3", "small", "gpt2", 7), r.Model.Init);
        Assert.Null(r.Model.Path);
        Assert.Equal("bfloat16", r.Model.DType);
        Assert.Equal("chatml", r.Tokenizer.ChatTemplate);
        Assert.Equal(new DataSource(null, "countdown", 50, 3), r.Data.Train);

        Assert.Equal(4, r.Rollout.GroupSize);
        Assert.Equal(256, r.Rollout.MaxResponseLength);
        Assert.Equal(32, r.Rollout.SegmentLength);
        Assert.Equal(16, r.Rollout.ActiveSamples);
        Assert.Equal(0.7, r.Rollout.Sampling.Temperature);
        Assert.Equal(0.9, r.Rollout.Sampling.TopP);
        Assert.Equal(20, r.Rollout.Sampling.TopK);
        Assert.Equal(["</answer>"], r.Rollout.Sampling.StopStrings);
        Assert.Equal(TruncationPolicy.Mask, r.Rollout.Truncation);
        Assert.True(r.Rollout.DropZeroVarianceGroups);
        Assert.Equal(RewardFailurePolicy.FallbackScore, r.Rollout.RewardFailure);
        Assert.Equal(-1, r.Rollout.FallbackScore);
        Assert.Equal(2, r.Rollout.Workers);
        Assert.Equal(8, r.Rollout.RefillSamples);
        Assert.Equal(8, r.Rollout.StandbySamples);
        Assert.Equal(new Dictionary<string, double> { ["math_verify"] = 0.8 }, r.Rollout.Rewards);

        var g = r.Algorithm.Grpo;
        Assert.Equal(AlgorithmKind.Grpo, r.Algorithm.Kind);
        Assert.Equal((0.1, 0.28, 3.0, 0.04), (g.ClipEpsilonLow, g.ClipEpsilonHigh, g.DualClip!.Value, g.Beta));
        Assert.Equal(KlEstimator.K2, g.KlEstimator);
        Assert.Equal(0.001, g.EntropyCoefficient);
        Assert.Equal(LossAggregation.SeqMeanTokenSumNorm, g.Aggregation);
        Assert.Equal(256, g.MaxCompletionLength);
        Assert.False(g.ScaleRewards);
        Assert.Equal(ImportanceSampling.Sais, g.ImportanceSampling);
        Assert.Equal(new DmmptOptions(), g.Dmmpt);
        Assert.Equal(0.7, g.Temperature);
        Assert.Equal(r.Algorithm.Grpo, r.GrpoTrainer.Grpo);
        Assert.Equal(4, r.GrpoTrainer.GroupSize);

        Assert.Equal(2, r.Rewards.Count);
        Assert.Equal("http://judge:8000/score", r.Rewards[1].Http!.Url);
        Assert.Equal(TimeSpan.FromSeconds(12.5), r.Rewards[1].Http!.Timeout);
        Assert.Equal(0.2, r.Rewards[1].Weight);
        Assert.Equal(RewardCompositionKind.AveragedAdvantages, r.RewardComposition);
        Assert.Equal(TimeSpan.FromSeconds(5), r.RewardLimits.PerSample);
        Assert.Equal(3, r.RewardLimits.MaxConsecutiveFailures);

        var t = r.Training;
        Assert.Equal(2e-6, t.Optimizer.LearningRate);
        Assert.Equal(0.01, t.Optimizer.WeightDecay);
        Assert.Equal(ScheduleKind.Cosine, t.Schedule);
        Assert.Equal(0.1, t.WarmupRatio);
        Assert.Equal(300, t.TotalSteps);
        Assert.Equal(2, t.GradientAccumulation);
        Assert.Equal(0.5, t.MaxGradNorm);
        Assert.Equal(BackwardMode.Checkpoint, t.Backward.Mode);
        Assert.Equal(1024L * 1024 * 1024, t.MemoryBudgetBytes);
        Assert.Equal(25, t.SaveEvery);
        Assert.Equal(4, r.BatchSize);
        Assert.Equal((16, 32.0, 0.0), (r.Lora!.Rank, r.Lora.Alpha, r.Lora.Dropout));
        Assert.Equal(["q_proj", "k_proj"], r.Lora.TargetModules);

        Assert.Equal(new ClusterSpec(ClusterProvider.Redis, "redis:6379", "run1"), r.Cluster);
        Assert.Equal(5, r.Logging.Every);
        Assert.Equal(["jsonl"], r.Logging.Sinks);
        Assert.Equal(new CheckpointSpec(25, 3, "checkpoints"), r.Checkpoints);
    }

    [Fact]
    public void Defaults_are_the_options_types_defaults()
    {
        var r = RecipeReader.Parse(Minimal.Sft, "sft.yaml");
        var rollout = new RolloutSettings();
        Assert.Equal(rollout, r.Rollout with { Rewards = rollout.Rewards, Sampling = rollout.Sampling });
        var sampling = r.Rollout.Sampling;
        Assert.Equal((1.0, 1.0, 0, 1.0), (sampling.Temperature, sampling.TopP, sampling.TopK, sampling.RepetitionPenalty));
        Assert.Equal(new GrpoOptions().ClipEpsilonHigh, r.Algorithm.Grpo.ClipEpsilonHigh);
        Assert.Equal(new DpoOptions(), r.Algorithm.Dpo);
        Assert.Equal(new AdamWOptions(), r.Training.Optimizer);
        Assert.Equal(BackwardMode.StreamBP, r.Training.Backward.Mode);
        Assert.Null(r.Training.MemoryBudgetBytes);
        Assert.Null(r.Lora);
        Assert.Equal(new ModelInit("llama", "tiny", "builtin", 0), r.Model.Init);
        Assert.Equal(ClusterProvider.Localhost, r.Cluster.Provider);
        Assert.Equal(0.1, r.Resolved["algorithm.dpo.beta"]);
        Assert.Equal("k3", r.Resolved["algorithm.grpo.kl_estimator"]);
        Assert.Null(r.Resolved["rollout.worker_batch_size"]);
    }

    [Fact]
    public void Every_enum_name_in_the_schema_binds()
    {
        foreach (var (key, type) in new[]
        {
            ("rollout.truncation", typeof(TruncationPolicy)), ("rollout.reward_failure", typeof(RewardFailurePolicy)),
            ("algorithm.name", typeof(AlgorithmKind)), ("algorithm.grpo.kl_estimator", typeof(KlEstimator)),
            ("algorithm.grpo.loss_aggregation", typeof(LossAggregation)), ("algorithm.grpo.importance_sampling", typeof(ImportanceSampling)),
            ("algorithm.dpo.loss", typeof(DpoLossType)), ("learner.schedule", typeof(ScheduleKind)), ("learner.backward", typeof(BackwardMode)),
            ("rewards[].isolation", typeof(RewardIsolation)), ("rewards_composition", typeof(RewardCompositionKind)),
            ("cluster.provider", typeof(ClusterProvider)),
        })
        {
            var names = Schema.RecipeSchema.Find(key)!.Allowed;
            Assert.Equal(Enum.GetValues(type).Length, names.Count);
            foreach (var name in names)
                typeof(EnumNames).GetMethod(nameof(EnumNames.Parse))!.MakeGenericMethod(type).Invoke(null, [name]);
        }
    }

    [Fact]
    public void Quickstart_recipe_validates()
    {
        var r = RecipeReader.Read(Path.Combine(AppContext.BaseDirectory, "recipes", "quickstart.yaml"));
        Assert.Equal(AlgorithmKind.Grpo, r.Algorithm.Kind);
        Assert.Equal(2, r.Rollout.Segments);
        Assert.Equal(400, r.Algorithm.SftWarmupSteps);
        Assert.Equal(0.4, r.Data.Warmup!.UnmarkedAnswers);
        Assert.Equal("arithmetic", r.Data.Warmup!.Task);
    }

    [Fact]
    public void Resolved_recipe_prints_every_key_as_yaml_and_json()
    {
        var r = RecipeReader.Parse(Full, "full.yaml");
        var yaml = Output.ResolvedWriter.Yaml(r.Resolved);
        Assert.Contains("  segments: 8\n", yaml);
        Assert.Contains("  - name: math_verify\n", yaml);
        Assert.Contains("  head_chunk: 256\n", yaml);
        var tree = Loading.RecipeLoader.Parse(new StringReader(yaml), "printed.yaml");
        var rewards = (Loading.RecipeSequence)tree["rewards"]!;
        var http = (Loading.RecipeMapping)((Loading.RecipeMapping)rewards.Items[1])["http"]!;
        Assert.Equal("12.5", ((Loading.RecipeScalar)http["timeout"]!).Text);
        Assert.Equal("2E-06", ((Loading.RecipeScalar)((Loading.RecipeMapping)tree["learner"]!)["lr"]!).Text);
        var json = Output.ResolvedWriter.ToJson(r.Resolved);
        Assert.Equal(Schema.RecipeSchema.Children("").Count(), json.Count);
        Assert.Equal(8, (int)json["rollout"]!["segments"]!);
        Assert.Null(json["model"]!["path"]);
    }
}
