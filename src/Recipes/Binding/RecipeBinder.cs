using PostTrain.Actors.Contracts;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Recipes.Validation;
using PostTrain.Rewards.Isolation;

namespace PostTrain.Recipes.Binding;

/// <summary>Builds a <see cref="Recipe"/> from resolved values, then runs the options types' own validators on it.</summary>
internal static class RecipeBinder
{
    public static (Recipe Recipe, IReadOnlyList<RecipeError> Errors) Bind(ResolvedRecipe r)
    {
        var rewards = Enumerable.Range(0, r.Count("rewards")).Select(i => RewardBinder.Bind(r, $"rewards[{i}]")).ToList();
        var recipe = new Recipe
        {
            File = r.File,
            Name = r.StringOrNull("name"),
            Model = new ModelSpec(r.StringOrNull("model.path"),
                r.IsGiven("model.init")
                    ? new ModelInit(r.Get<string>("model.init.arch"), r.Get<string>("model.init.preset"), r.Get<string>("model.init.tokenizer"),
                        r.Get<int>("model.init.seed"))
                    : null,
                r.Get<string>("model.dtype"), r.Get<string>("model.device"))
            {
                Vision = r.IsGiven("model.vision")
                    ? new VisionSpec(r.Get<int>("model.vision.image_size"), r.Get<int>("model.vision.patch_size"), r.Get<int>("model.vision.hidden_size"),
                        r.Get<int>("model.vision.num_layers"), r.Get<int>("model.vision.num_heads"), r.Get<int>("model.vision.intermediate_size"),
                        r.Get<int>("model.vision.pool"), r.Get<int>("model.vision.seed"))
                    {
                        TemporalPatchSize = r.Get<int>("model.vision.temporal_patch_size"), ImageMean = r.Get<double>("model.vision.image_mean"), ImageStd = r.Get<double>("model.vision.image_std"),
                    }
                    : null,
            },
            Tokenizer = new TokenizerSpec(r.StringOrNull("tokenizer.name"), r.Get<string>("tokenizer.chat_template")),
            Data = new DataSpec(Source(r, "data.train")!, Source(r, "data.eval"), Source(r, "data.warmup"),
                r.Get<int>("data.max_prompt_length"), r.Get<bool>("data.shuffle")),
            Rollout = Rollout(r, rewards),
            Schedule = new LengthSchedule(Enumerable.Range(0, r.Count("rollout.schedule")).Select(i => new LengthStage(
                r.Get<int>($"rollout.schedule[{i}].from_step"), r.IntOrNull($"rollout.schedule[{i}].max_response_length"),
                r.IntOrNull($"rollout.schedule[{i}].segments"))).ToList()),
            Algorithm = new AlgorithmSpec(EnumNames.Parse<AlgorithmKind>(r.Get<string>("algorithm.name")), Grpo(r),
                new DpoOptions { Beta = r.Get<double>("algorithm.dpo.beta"), LossType = EnumNames.Parse<DpoLossType>(r.Get<string>("algorithm.dpo.loss")) },
                new SftOptions { PackingLength = r.IntOrNull("algorithm.sft.packing_length"), PerDocumentLoss = r.Get<bool>("algorithm.sft.per_document_loss") },
                r.Get<int>("algorithm.sft.warmup_steps"))
            {
                SftWarmupBatchSize = r.IntOrNull("algorithm.sft.warmup_batch_size"),
                SftWarmupLearningRate = r.NumberOrNull("algorithm.sft.warmup_lr"),
                SftWarmupBackward = r.StringOrNull("algorithm.sft.warmup_backward") is { } backward ? EnumNames.Parse<BackwardMode>(backward) : null,
                SftWarmupVision = EnumNames.Parse<VisionTraining>(r.Get<string>("algorithm.sft.warmup_vision")),
                DpoOnline = r.Get<bool>("algorithm.dpo.online"),
                SelfLengthen = new LongGeneration.SelfLengthenOptions
                {
                    Iterations = r.Get<int>("algorithm.self_lengthen.iterations"), MicroRounds = r.Get<int>("algorithm.self_lengthen.micro_rounds"),
                    MinGrowth = r.Get<double>("algorithm.self_lengthen.min_growth"), LineKeep = r.Get<double>("algorithm.self_lengthen.line_keep"),
                    Epochs = r.Get<int>("algorithm.self_lengthen.epochs"),
                },
            },
            Training = Training(r),
            Lora = r.Get<bool>("learner.lora.enabled")
                ? new LoraOptions
                {
                    Rank = r.Get<int>("learner.lora.rank"), Alpha = r.Get<double>("learner.lora.alpha"),
                    Dropout = r.Get<double>("learner.lora.dropout"), TargetModules = r.Get<string[]>("learner.lora.target_modules"),
                }
                : null,
            BatchSize = r.Get<int>("learner.batch_size"),
            Rewards = rewards,
            RewardModelStage = r.IsGiven("reward_model")
                ? new RewardModelStage(Source(r, "reward_model.data")!, Source(r, "reward_model.eval"), r.Get<int>("reward_model.steps"),
                    r.Get<double>("reward_model.lr"), r.Get<int>("reward_model.batch_size"))
                : null,
            RewardComposition = EnumNames.Parse<RewardCompositionKind>(r.Get<string>("rewards_composition")),
            RewardLimits = new RewardLimits
            {
                PerSample = TimeSpan.FromSeconds(r.Get<double>("reward_limits.timeout")),
                MaxConsecutiveFailures = r.Get<int>("reward_limits.max_consecutive_failures"),
            },
            Evaluation = new EvaluationSpec(r.Get<int>("evaluation.every"), r.Get<int>("evaluation.samples"), r.Get<double>("evaluation.temperature"),
                r.IntOrNull("evaluation.max_response_length") ?? r.Get<int>("rollout.max_response_length"), r.Get<double>("evaluation.pass_threshold")),
            Guards = new GuardSpec(r.Get<double>("guards.max_truncation_ratio"), r.Get<int>("guards.truncation_steps"),
                r.Get<double>("guards.max_zero_variance_ratio"), r.Get<int>("guards.zero_variance_steps"),
                r.Get<double>("guards.max_reward_failure_ratio")),
            Cluster = new ClusterSpec(EnumNames.Parse<ClusterProvider>(r.Get<string>("cluster.provider")), r.StringOrNull("cluster.connection"),
                r.Get<string>("cluster.id")) { Address = r.Get<string>("cluster.address") },
            Logging = new LoggingSpec(r.Get<int>("logging.every"), r.Get<string[]>("logging.sinks"), r.Get<string>("logging.dir")),
            Checkpoints = new CheckpointSpec(r.Get<int>("checkpoints.every"), r.Get<int>("checkpoints.keep"), r.Get<string>("checkpoints.dir")),
            Resolved = r,
        };
        return (recipe, Check(recipe, r));
    }

    static DataSource? Source(ResolvedRecipe r, string path) => r.IsGiven(path)
        ? new DataSource(r.StringOrNull($"{path}.path"), r.StringOrNull($"{path}.task"), r.Get<int>($"{path}.count"), r.Get<int>($"{path}.seed"))
        {
            MaxOperand = r.IntOrNull($"{path}.max_operand"),
            Operations = r.Get<string>($"{path}.operations"),
            UnmarkedAnswers = r.Get<double>($"{path}.unmarked_answers"),
            MinWords = r.Get<int>($"{path}.min_words"),
            MaxWords = r.Get<int>($"{path}.max_words"),
            Frames = r.Get<int>($"{path}.frames"),
            Questions = r.Get<string>($"{path}.questions"),
            MinOperations = r.IntOrNull($"{path}.min_operations"),
            MaxOperations = r.IntOrNull($"{path}.max_operations"),
            MaxValue = r.IntOrNull($"{path}.max_value"),
            CheckProbability = r.NumberOrNull($"{path}.check_probability"),
            BacktrackProbability = r.NumberOrNull($"{path}.backtrack_probability"),
        }
        : null;

    static RolloutSettings Rollout(ResolvedRecipe r, IReadOnlyList<RewardEntry> rewards) => new()
    {
        GroupSize = r.Get<int>("rollout.group_size"),
        MaxResponseLength = r.Get<int>("rollout.max_response_length"),
        Segments = r.Get<int>("rollout.segments"),
        ActiveSamples = r.Get<int>("rollout.active_samples"),
        Sampling = new SamplingSpec
        {
            Temperature = r.Get<double>("rollout.temperature"),
            TopP = r.Get<double>("rollout.top_p"),
            TopK = r.Get<int>("rollout.top_k"),
            RepetitionPenalty = r.Get<double>("rollout.repetition_penalty"),
            StopStrings = r.Get<string[]>("rollout.stop"),
        },
        Seed = r.Get<int>("rollout.seed"),
        Truncation = EnumNames.Parse<TruncationPolicy>(r.Get<string>("rollout.truncation")),
        DropZeroVarianceGroups = r.Get<bool>("rollout.dynamic_sampling"),
        RewardFailure = EnumNames.Parse<RewardFailurePolicy>(r.Get<string>("rollout.reward_failure")),
        FallbackScore = r.Get<double>("rollout.fallback_score"),
        // Registered rewards by name; plug-in and remote entries are composed by the pipeline from Recipe.Rewards.
        Rewards = rewards.Where(e => e.Name is not null).GroupBy(e => e.Name!).ToDictionary(g => g.Key, g => g.Sum(e => e.Weight)),
        Workers = r.Get<int>("rollout.workers"),
        WorkerBatchSize = r.IntOrNull("rollout.worker_batch_size"),
        RefillSamples = r.Get<int>("rollout.refill_samples"),
        VideoCache = r.Get<bool>("rollout.video_cache"),
    };

    static GrpoOptions Grpo(ResolvedRecipe r) => new()
    {
        ClipEpsilonLow = r.Get<double>("algorithm.grpo.clip_low"),
        ClipEpsilonHigh = r.Get<double>("algorithm.grpo.clip_high"),
        DualClip = r.NumberOrNull("algorithm.grpo.dual_clip"),
        Beta = r.Get<double>("algorithm.grpo.beta"),
        KlEstimator = EnumNames.Parse<KlEstimator>(r.Get<string>("algorithm.grpo.kl_estimator")),
        EntropyCoefficient = r.Get<double>("algorithm.grpo.entropy_coef"),
        Aggregation = EnumNames.Parse<LossAggregation>(r.Get<string>("algorithm.grpo.loss_aggregation")),
        MaxCompletionLength = r.IntOrNull("algorithm.grpo.max_completion_length"),
        ScaleRewards = r.Get<bool>("algorithm.grpo.scale_rewards"),
        ImportanceSampling = EnumNames.Parse<ImportanceSampling>(r.Get<string>("algorithm.grpo.importance_sampling")),
        Dmmpt = r.Get<bool>("algorithm.grpo.dmmpt")
            ? new DmmptOptions { Tau = r.Get<double>("algorithm.grpo.dmmpt_tau"), Sigma = r.Get<double>("algorithm.grpo.dmmpt_sigma") }
            : null,
        Temperature = r.Get<double>("rollout.temperature"),
    };

    static TrainingOptions Training(ResolvedRecipe r) => new()
    {
        Optimizer = new AdamWOptions
        {
            LearningRate = r.Get<double>("learner.lr"), Beta1 = r.Get<double>("learner.adam_beta1"), Beta2 = r.Get<double>("learner.adam_beta2"),
            Epsilon = r.Get<double>("learner.adam_epsilon"), WeightDecay = r.Get<double>("learner.weight_decay"),
        },
        Schedule = EnumNames.Parse<ScheduleKind>(r.Get<string>("learner.schedule")),
        WarmupRatio = r.Get<double>("learner.warmup_ratio"),
        TotalSteps = r.Get<int>("learner.total_steps"),
        MaxGradNorm = r.NumberOrNull("learner.max_grad_norm"),
        GradientAccumulation = r.Get<int>("learner.gradient_accumulation"),
        Backward = new BackwardOptions
        {
            Mode = EnumNames.Parse<BackwardMode>(r.Get<string>("learner.backward")),
            HeadChunk = r.Get<int>("learner.head_chunk"), QueryChunk = r.Get<int>("learner.query_chunk"),
        },
        SaveEvery = r.Get<int>("checkpoints.every"),
        Seed = r.Get<int>("learner.seed"),
        MemoryBudgetBytes = r.IntOrNull("learner.memory_budget_mb") is { } mb ? mb * 1024L * 1024L : null,
    };

    static List<RecipeError> Check(Recipe recipe, ResolvedRecipe r)
    {
        var errors = new List<RecipeError>();
        var check = new OptionsCheck(r, errors);
        foreach (var (key, problem) in recipe.Model.Vision?.Config(outputSize: 1).Problems() ?? [])
            errors.Add(new RecipeError(r.OriginOf($"model.vision.{key}"), $"model.vision.{key}", problem));
        check.Run(() => RolloutSettings.Validate(recipe.Rollout), "rollout",
            ("rollout.group_size", "rollout.group_size"), ("rollout.max_response_length", "rollout.max_response_length"),
            ("rollout.segments", "rollout.segments"), ("rollout.active_samples", "rollout.active_samples"),
            ("rollout.workers", "rollout.workers"), ("rollout.worker_batch_size", "rollout.worker_batch_size"),
            ("rollout.refill_samples", "rollout.refill_samples"),
            ("rollout.fallback_score", "rollout.fallback_score"));
        if (recipe.Algorithm.Kind == AlgorithmKind.Grpo)
            check.Run(() => GrpoOptions.Validate(recipe.Algorithm.Grpo), "algorithm.grpo",
                ("clip_epsilon_low", "algorithm.grpo.clip_low"), ("clip_epsilon_high", "algorithm.grpo.clip_high"),
                ("dual_clip", "algorithm.grpo.dual_clip"), ("beta", "algorithm.grpo.beta"), ("entropy_coefficient", "algorithm.grpo.entropy_coef"),
                ("max_completion_length", "algorithm.grpo.max_completion_length"), ("temperature", "rollout.temperature"),
                ("dmmpt", "algorithm.grpo.dmmpt_tau"));
        check.Run(() => DpoOptions.Validate(recipe.Algorithm.Dpo), "algorithm.dpo.beta");
        for (var i = 0; i < recipe.Schedule.Stages.Count; i++)
        {
            var stage = recipe.Schedule.Stages[i];
            if (i > 0 && stage.FromStep <= recipe.Schedule.Stages[i - 1].FromStep)
                errors.Add(new RecipeError(r.OriginOf($"rollout.schedule[{i}].from_step"), $"rollout.schedule[{i}].from_step",
                    $"expected a step after the previous stage's ({recipe.Schedule.Stages[i - 1].FromStep}), got {stage.FromStep}"));
            check.Run(() => RolloutSettings.Validate(recipe.Schedule.At(recipe.Rollout, stage.FromStep)), $"rollout.schedule[{i}]",
                ("rollout.segments", $"rollout.schedule[{i}].segments"), ("rollout.max_response_length", $"rollout.schedule[{i}].max_response_length"));
        }
        foreach (var (source, key) in new[] { (recipe.Data.Train, "data.train"), (recipe.Data.Eval, "data.eval"), (recipe.Data.Warmup, "data.warmup"),
                     (recipe.RewardModelStage?.Data, "reward_model.data"), (recipe.RewardModelStage?.Eval, "reward_model.eval") })
        {
            if (source?.Task == "moving_shapes")
                check.Run(() => _ = new Tasks.Video.MovingShapesTask(source.Frames, questions: source.Questions), $"{key}.questions");
            if (source is not null && recipe.Model.Vision is { TemporalPatchSize: > 1 } vision && source.Frames % vision.TemporalPatchSize != 0)
                errors.Add(new RecipeError(r.OriginOf($"{key}.frames"), $"{key}.frames",
                    $"{source.Frames} frames are not a multiple of model.vision.temporal_patch_size ({vision.TemporalPatchSize})"));
            if (source?.Task == "arithmetic")
                check.Run(() => _ = Tasks.BuiltinTasks.For(source), $"{key}.operations", ("max_operand", $"{key}.max_operand"));
            if (source?.Task is "long_cot" or "short_cot")
                check.Run(() => _ = Tasks.BuiltinTasks.For(source), $"{key}.task", ("min_operations", $"{key}.min_operations"),
                    ("max_operations", $"{key}.max_operations"), ("max_operand", $"{key}.max_operand"), ("max_value", $"{key}.max_value"),
                    ("check_probability", $"{key}.check_probability"), ("backtrack_probability", $"{key}.backtrack_probability"));
            if (source is { Task: not null } && source.MaxWords < source.MinWords)
                errors.Add(new RecipeError(r.OriginOf($"{key}.max_words"), $"{key}.max_words",
                    $"expected at least {key}.min_words ({source.MinWords}), got {source.MaxWords}"));
        }
        check.Run(() => TrainingOptions.Validate(recipe.Training), "learner",
            ("learning_rate", "learner.lr"), ("betas", "learner.adam_beta1"), ("epsilon", "learner.adam_epsilon"),
            ("weight_decay", "learner.weight_decay"), ("chunk sizes", "learner.head_chunk"), ("total_steps", "learner.total_steps"),
            ("warmup_ratio", "learner.warmup_ratio"), ("max_grad_norm", "learner.max_grad_norm"),
            ("gradient_accumulation", "learner.gradient_accumulation"), ("save_every", "checkpoints.every"),
            ("memory budget", "learner.memory_budget_mb"));
        if (recipe.Lora is { } lora)
            check.Run(() => LoraOptions.Validate(lora), "learner.lora",
                ("lora rank", "learner.lora.rank"), ("lora alpha", "learner.lora.alpha"), ("lora dropout", "learner.lora.dropout"),
                ("lora target modules", "learner.lora.target_modules"));
        check.Run(() => RewardLimits.Validate(recipe.RewardLimits), "reward_limits",
            ("the per-sample limit", "reward_limits.timeout"), ("max consecutive failures", "reward_limits.max_consecutive_failures"));
        for (var i = 0; i < recipe.Rewards.Count; i++) RewardBinder.Check(recipe.Rewards[i], $"rewards[{i}]", check);
        return errors;
    }
}
