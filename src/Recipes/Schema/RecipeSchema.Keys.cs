using PostTrain.Actors.Contracts;
using PostTrain.Learner.Backward;
using PostTrain.Learner.Lora;
using PostTrain.Learner.Objectives;
using PostTrain.Learner.Optimization;
using PostTrain.Learner.Training;
using PostTrain.Rewards.Isolation;
using PostTrain.Rewards.Remote;
using PostTrain.Rewards.Sandbox;

namespace PostTrain.Recipes.Schema;

// The key table. Defaults come from the options types themselves, so a recipe and the library never disagree.
public static partial class RecipeSchema
{
    static readonly RolloutSettings Rollout = new();
    static readonly SamplingSpec Sampling = new();
    static readonly GrpoOptions Grpo = new();
    static readonly DmmptOptions Dmmpt = new();
    static readonly DpoOptions Dpo = new();
    static readonly SftOptions Sft = new();
    static readonly TrainingOptions Training = new();
    static readonly LoraOptions Lora = new();
    static readonly RewardLimits Limits = new();
    static readonly HttpRewardOptions Http = new();
    static readonly ChildProcessRewardOptions Child = new();
    static readonly LongGeneration.SelfLengthenOptions SelfLengthen = new();

    static readonly Lazy<IReadOnlyList<RecipeKey>> AllKeys = new(BuildKeys);

    /// <summary>Every key, sections before their keys, in the order a resolved recipe is printed.</summary>
    public static IReadOnlyList<RecipeKey> Keys => AllKeys.Value;

    static IReadOnlyList<RecipeKey> BuildKeys() =>
    [
        Str("name", "a name for the run, used in logs", null),

        Section("model", "the policy: an existing Hugging Face folder (path) or a new random one (init)"),
        new("model.path", KeyKind.Folder, "a Hugging Face model folder (config.json, *.safetensors, tokenizer)"),
        Section("model.init", "create a random-initialised model instead of loading one"),
        Enum("model.init.arch", "architecture", ["qwen2", "qwen3", "llama"], null) with { Required = true },
        Enum("model.init.preset", "size: tiny (tests), mini (the quickstart), small (benchmarks), base (Qwen2.5-0.5B shapes)",
            ["tiny", "mini", "small", "base"], "tiny"),
        Str("model.init.tokenizer", "tokenizer spec: builtin, gpt2, r50k_base, cl100k_base, o200k_base or a tokenizer.json path", "builtin"),
        Int("model.init.seed", "seed of the random weights", 0, min: 0),
        Enum("model.dtype", "weight dtype while training", ["float32", "bfloat16"], "float32"),
        Str("model.device", "cpu, cuda or cuda:N", "cpu"),
        Section("model.vision", "a vision encoder and projector for video prompts, created when the model folder has none (MR-SP)"),
        Int("model.vision.image_size", "frames are resized to this many pixels square", 32, min: 1),
        Int("model.vision.patch_size", "pixels per patch side", 8, min: 1),
        Int("model.vision.hidden_size", "the encoder's width", 64, min: 1),
        Int("model.vision.num_layers", "transformer layers", 2, min: 1),
        Int("model.vision.num_heads", "attention heads", 4, min: 1),
        Int("model.vision.intermediate_size", "MLP width", 128, min: 1),
        Int("model.vision.temporal_patch_size", "consecutive frames each patch spans (2: a token shows motion, as Qwen2-VL's); data.*.frames must be a multiple", 1, min: 1),
        Int("model.vision.pool", "patches pooled per token side: tokens per frame = (image_size / patch_size / pool)^2", 2, min: 1),
        Int("model.vision.seed", "seed of its random weights", 0, min: 0),
        Num("model.vision.image_mean", "subtracted from pixels scaled to [0, 1] (every channel); 0 keeps a black background at 0, where a random encoder sees what differs", 0.0),
        Num("model.vision.image_std", "divides pixels after the mean (every channel)", 1.0, min: 0, minExclusive: true),

        Section("tokenizer", "overrides of the model's tokenizer"),
        Str("tokenizer.name", "a tokenizer spec or tokenizer.json path; not set = the model's own", null),
        Enum("tokenizer.chat_template", "chat template; auto = the model's own", ["auto", "chatml", "llama3", "plain"], "auto"),

        Section("data", "training and evaluation data"),
        .. DataSource("data.train", "training data: JSONL/Parquet (verl RL layout, chat messages, prompt/chosen/rejected) or a built-in task"),
        .. DataSource("data.eval", "evaluation data, same forms as data.train"),
        .. DataSource("data.warmup", "SFT warm-up data (chat messages or a built-in task) for algorithm.sft.warmup_steps"),
        Int("data.max_prompt_length", "prompts longer than this many tokens are skipped", 1024, min: 1),
        Bool("data.shuffle", "shuffle the training data each epoch", true),

        Section("rollout", "how responses are generated"),
        Int("rollout.group_size", "samples per prompt (G)", Rollout.GroupSize, min: 1),
        Int("rollout.max_response_length", "L_max: tokens a response may have", Rollout.MaxResponseLength, min: 1),
        Int("rollout.segments", "S: decode in L_max/S-token segments; unfinished samples continue next step (1 = off)", Rollout.Segments, min: 1),
        Int("rollout.active_samples", "samples decoded per step (at least group_size)", Rollout.ActiveSamples, min: 1),
        Num("rollout.temperature", "sampling temperature", Sampling.Temperature, min: 0),
        Num("rollout.top_p", "nucleus sampling mass", Sampling.TopP, min: 0, max: 1, minExclusive: true),
        Int("rollout.top_k", "top-k sampling (0 = off)", Sampling.TopK, min: 0),
        Num("rollout.repetition_penalty", "repetition penalty (1 = off)", Sampling.RepetitionPenalty, min: 0, minExclusive: true),
        new("rollout.stop", KeyKind.List, "extra stop strings") { Default = Array.Empty<string>() },
        Int("rollout.seed", "base seed of every sample", (int)Rollout.Seed, min: 0),
        Enum("rollout.truncation", "a response cut at L_max: reward 0 (UloRL), masked out (DAPO), or kept as it is (verl, TRL)",
            ["zero_reward", "mask", "keep"], "zero_reward"),
        Bool("rollout.dynamic_sampling", "drop groups whose rewards are all equal (DAPO)", Rollout.DropZeroVarianceGroups),
        Enum("rollout.reward_failure", "a sample whose reward failed: drop its group, or score it fallback_score", ["drop_group", "fallback_score"], "drop_group"),
        Num("rollout.fallback_score", "score of a failed sample under reward_failure: fallback_score", Rollout.FallbackScore),
        Int("rollout.workers", "rollout workers sharing each step", Rollout.Workers, min: 1),
        Int("rollout.worker_batch_size", "decode slots per worker; not set = active_samples split over the workers", null, min: 1),
        Int("rollout.refill_samples", "with segments: new samples held ready to start in decode slots freed mid-step (0 = off; active_samples keeps slots busy)", Rollout.RefillSamples, min: 0),
        Bool("rollout.video_cache", "MR-SP: encode each prompt's video once and serve every rollout and prefill from the cache; false re-encodes at every use", true),
        new("rollout.schedule", KeyKind.MappingList, "a length schedule: stages that, from an update on, change max_response_length and segments"),
        Int("rollout.schedule[].from_step", "the first update of this stage", null, min: 1) with { Required = true },
        Int("rollout.schedule[].max_response_length", "L_max from this update on; not set = as before", null, min: 1),
        Int("rollout.schedule[].segments", "segments from this update on; not set = as before", null, min: 1),

        Section("algorithm", "what is trained and how"),
        Enum("algorithm.name", "the algorithm", ["grpo", "dpo", "sft", "rm", "self_lengthen"], null) with { Required = true },
        Section("algorithm.grpo", "GRPO family (DAPO, Dr.GRPO, UloRL) loss settings"),
        Num("algorithm.grpo.clip_low", "lower clip epsilon", Grpo.ClipEpsilonLow, min: 0, max: 1, maxExclusive: true),
        Num("algorithm.grpo.clip_high", "upper clip epsilon (DAPO clip-higher: 0.28)", Grpo.ClipEpsilonHigh, min: 0),
        Num("algorithm.grpo.dual_clip", "dual-clip constant c; not set = off", null, min: 1, minExclusive: true),
        Num("algorithm.grpo.beta", "KL coefficient (0 = no reference model)", Grpo.Beta, min: 0),
        Enum("algorithm.grpo.kl_estimator", "KL estimator", ["k1", "k2", "k3"], "k3"),
        Num("algorithm.grpo.entropy_coef", "entropy bonus coefficient", Grpo.EntropyCoefficient, min: 0),
        Enum("algorithm.grpo.loss_aggregation", "how token losses are averaged",
            ["seq_mean_token_mean", "token_mean", "seq_mean_token_sum_norm"], "token_mean"),
        Int("algorithm.grpo.max_completion_length", "Dr.GRPO's normaliser; not set = the batch's longest", null, min: 1),
        Bool("algorithm.grpo.scale_rewards", "divide advantages by the group's standard deviation", Grpo.ScaleRewards),
        Enum("algorithm.grpo.importance_sampling", "old log-probs of multi-version samples: pseudo on-policy or segment-aware",
            ["pois", "sais"], "pois"),
        Bool("algorithm.grpo.dmmpt", "UloRL's masking of well-mastered positive tokens", false),
        Num("algorithm.grpo.dmmpt_tau", "DMMPT probability threshold", Dmmpt.Tau, min: 0, max: 1, minExclusive: true),
        Num("algorithm.grpo.dmmpt_sigma", "DMMPT entropy threshold", Dmmpt.Sigma, min: 0, minExclusive: true),
        Section("algorithm.dpo", "DPO settings"),
        Num("algorithm.dpo.beta", "DPO temperature", Dpo.Beta, min: 0, minExclusive: true),
        Enum("algorithm.dpo.loss", "sigmoid (DPO) or ipo", ["sigmoid", "ipo"], "sigmoid"),
        Bool("algorithm.dpo.online", "pairs from the policy's own samples (rollout.group_size per prompt) scored by the rewards: the best against a random worse one", false),
        Section("algorithm.sft", "SFT settings (also used by the warm-up)"),
        Int("algorithm.sft.warmup_steps", "SFT updates on data.warmup before the main algorithm (0 = none)", 0, min: 0),
        Int("algorithm.sft.warmup_batch_size", "sequences per warm-up update; not set = learner.batch_size", null, min: 1),
        Num("algorithm.sft.warmup_lr", "warm-up learning rate; not set = learner.lr", null, min: 0, minExclusive: true),
        Enum("algorithm.sft.warmup_backward", "backward of the warm-up (short answers need no StreamBP); not set = learner.backward",
            ["plain", "checkpoint", "streambp"], null),
        Enum("algorithm.sft.warmup_vision", "what the warm-up trains of a vision tower (model.vision) besides the model: projector (LLaVA's practice; the ViT stays frozen), encoder (ViT and projector) or none",
            ["projector", "encoder", "none"], "projector"),
        Int("algorithm.sft.packing_length", "pack sequences into rows of this many tokens; not set = one per row", null, min: 1),
        Bool("algorithm.sft.per_document_loss", "weigh each sequence's tokens by 1/its length (LongWriter)", Sft.PerDocumentLoss),
        Section("algorithm.self_lengthen", "Self-Lengthen: Generator and Extender LoRA adapters lengthen answers (needs learner.lora.enabled)"),
        Int("algorithm.self_lengthen.iterations", "macro-iterations: generate, extend, filter, train both roles", SelfLengthen.Iterations, min: 1),
        Int("algorithm.self_lengthen.micro_rounds", "extension rounds per sample and macro-iteration", SelfLengthen.MicroRounds, min: 1),
        Num("algorithm.self_lengthen.min_growth", "train on a sample only when it grew past this many times its initial words", SelfLengthen.MinGrowth, min: 1),
        Num("algorithm.self_lengthen.line_keep", "the Extender's training input keeps each line of the initial text with this probability",
            SelfLengthen.LineKeep, min: 0, max: 1, minExclusive: true),
        Int("algorithm.self_lengthen.epochs", "passes over each macro-iteration's kept samples when training each role", SelfLengthen.Epochs, min: 1),

        .. RewardKeys(),

        Section("learner", "optimiser, schedule, backward and memory"),
        Num("learner.lr", "peak learning rate", Training.Optimizer.LearningRate, min: 0, minExclusive: true),
        Enum("learner.schedule", "learning-rate schedule after warm-up", ["constant", "linear", "cosine"], "constant"),
        Num("learner.warmup_ratio", "fraction of updates warming up from 0", Training.WarmupRatio, min: 0, max: 1, maxExclusive: true),
        Int("learner.total_steps", "updates in the run", Training.TotalSteps, min: 1),
        Int("learner.batch_size", "prompts (grpo), pairs (dpo, rm) or sequences (sft) per update", Sft.BatchSize, min: 1),
        Int("learner.gradient_accumulation", "micro-batches per update", Training.GradientAccumulation, min: 1),
        Num("learner.max_grad_norm", "gradient-norm clip; not set = off", Training.MaxGradNorm, min: 0, minExclusive: true),
        Num("learner.weight_decay", "AdamW decoupled weight decay", Training.Optimizer.WeightDecay, min: 0),
        Num("learner.adam_beta1", "AdamW beta1", Training.Optimizer.Beta1, min: 0, max: 1, maxExclusive: true),
        Num("learner.adam_beta2", "AdamW beta2", Training.Optimizer.Beta2, min: 0, max: 1, maxExclusive: true),
        Num("learner.adam_epsilon", "AdamW epsilon", Training.Optimizer.Epsilon, min: 0, minExclusive: true),
        Enum("learner.backward", "plain autograd, gradient checkpointing or StreamBP", ["plain", "checkpoint", "streambp"], "streambp"),
        Int("learner.head_chunk", "positions per loss-head chunk", Training.Backward.HeadChunk, min: 1),
        Int("learner.query_chunk", "query positions per StreamBP layer chunk", Training.Backward.QueryChunk, min: 1),
        Int("learner.memory_budget_mb", "refuse steps predicted to need more memory (MB); not set = no check", null, min: 1),
        Int("learner.seed", "seed of the learner (dropout, shuffling)", 0, min: 0),
        Section("learner.lora", "LoRA adapters instead of full fine-tuning"),
        Bool("learner.lora.enabled", "train LoRA adapters only, the base model frozen (algorithms sft, grpo, self_lengthen)", false),
        Int("learner.lora.rank", "adapter rank r", Lora.Rank, min: 1),
        Num("learner.lora.alpha", "scaling alpha (scale = alpha / r)", Lora.Alpha, min: 0, minExclusive: true),
        Num("learner.lora.dropout", "dropout on the adapter input", Lora.Dropout, min: 0, max: 1, maxExclusive: true),
        new("learner.lora.target_modules", KeyKind.List, "linear layers that get adapters")
            { Default = LoraOptions.AllLinear.ToArray(), Allowed = LoraOptions.AllLinear },

        Section("evaluation", "held-out evaluation on data.eval: before the main algorithm, every N updates, and at the end"),
        Int("evaluation.every", "evaluate every this many updates (0 = only before and after)", 0, min: 0),
        Int("evaluation.samples", "k: answers per prompt, for avg@k and pass@k", 1, min: 1),
        Num("evaluation.temperature", "sampling temperature of evaluation (0 = greedy)", 0.0, min: 0),
        Int("evaluation.max_response_length", "tokens an answer may have; not set = rollout.max_response_length", null, min: 1),
        Num("evaluation.pass_threshold", "an answer is correct when its reward is at least this", 1.0),

        Section("guards", "stop a run that has gone wrong, with a message saying why"),
        Num("guards.max_truncation_ratio", "stop when this fraction of finished samples is truncated ...", 0.9, min: 0, max: 1),
        Int("guards.truncation_steps", "... for this many updates in a row", 5, min: 1),
        Num("guards.max_zero_variance_ratio", "stop when this fraction of groups has equal rewards ...", 1.0, min: 0, max: 1),
        Int("guards.zero_variance_steps", "... for this many updates in a row", 10, min: 1),
        Num("guards.max_reward_failure_ratio", "stop when this fraction of a step's samples failed their reward", 0.5, min: 0, max: 1),

        Section("cluster", "where rollout workers run"),
        Enum("cluster.provider", "localhost: this process is the whole system; redis: an Orleans cluster", ["localhost", "redis"], "localhost"),
        Str("cluster.connection", "the Redis server, HOST:PORT or redis://HOST:PORT (provider: redis)", null),
        Str("cluster.id", "Orleans cluster id: silos and grain state of one id never meet another's", "posttrain"),
        Str("cluster.address", "the IP address the trainer's silo listens on and advertises (provider: redis); loopback keeps it to this machine", "127.0.0.1"),

        Section("logging", "metrics"),
        Int("logging.every", "log metrics every this many updates", 1, min: 1),
        new("logging.sinks", KeyKind.List, "where metrics go") { Default = new[] { "console", "jsonl", "tensorboard" }, Allowed = ["console", "jsonl", "tensorboard"] },
        Str("logging.dir", "folder of metrics.jsonl, relative to --out", "."),

        Section("checkpoints", "resumable checkpoints"),
        Int("checkpoints.every", "save every this many updates (0 = only at the end)", Training.SaveEvery, min: 0),
        Int("checkpoints.keep", "checkpoints kept (older ones are deleted)", 2, min: 1),
        Str("checkpoints.dir", "folder, relative to --out", "checkpoints"),
    ];

    static IEnumerable<RecipeKey> DataSource(string path, string description) =>
    [
        Section(path, description),
        new($"{path}.path", KeyKind.File, "a JSONL or Parquet file"),
        Enum($"{path}.task", "a built-in task generated from a seed", BuiltInTasks, null),
        Int($"{path}.count", "examples generated for a task", 1000, min: 1),
        Int($"{path}.seed", "seed of a task's examples", 0, min: 0),
        Int($"{path}.max_operand", "arithmetic, long_cot, short_cot: operands are below this (not set: arithmetic 50, long_cot 6)", null, min: 2),
        Str($"{path}.operations", "arithmetic: which of + - * the problems use", "+-*"),
        Num($"{path}.unmarked_answers", "arithmetic, moving_shapes: share of worked solutions that do not mark their answer (\\boxed{}, <answer> tags)", 0.0, min: 0, max: 1),
        Int($"{path}.min_words", "writing tasks: the shortest target length in words", 40, min: 1),
        Int($"{path}.max_words", "writing tasks: the longest target length in words", 400, min: 1),
        Int($"{path}.frames", "video tasks: frames per clip", 8, min: 2),
        Str($"{path}.questions", "video tasks: kinds of question, comma-separated: direction, colour, count", "direction,colour,count"),
        Int($"{path}.min_operations", "long_cot, short_cot: the fewest operations a problem has (not set: 2)", null, min: 1),
        Int($"{path}.max_operations", "long_cot, short_cot: the most operations a problem has (not set: 3)", null, min: 1),
        Int($"{path}.max_value", "long_cot, short_cot: the start and every intermediate result are below this (not set: 10)", null, min: 2),
        Num($"{path}.check_probability", "long_cot, short_cot: the chance that a correct step is followed by a check (not set: long_cot 0.5, short_cot 0)", null, min: 0, max: 1),
        Num($"{path}.backtrack_probability", "long_cot, short_cot: the chance that a step is first written wrong, then caught and corrected (not set: long_cot 0.15, short_cot 0)", null, min: 0, max: 1),
    ];

    static IEnumerable<RecipeKey> RewardKeys() =>
    [
        new("rewards", KeyKind.MappingList, "reward functions, each with exactly one of name, plugin (+ type) or http"),
        Enum("rewards[].name", "a built-in reward", BuiltInRewardNames, null),
        new("rewards[].plugin", KeyKind.File, "a reward plug-in assembly (.dll)"),
        Str("rewards[].type", "the plug-in's reward type, full name", null),
        Section("rewards[].http", "a remote judge"),
        Str("rewards[].http.url", "the judge's http(s) URL", null) with { Required = true },
        Num("rewards[].http.timeout", "seconds per request", Http.Timeout.TotalSeconds, min: 0, max: 3600, minExclusive: true),
        Int("rewards[].http.max_batch_size", "samples per request", Http.MaxBatchSize, min: 1),
        Num("rewards[].weight", "weight in the composition", 1.0),
        Num("rewards[].max_length", "length: L_max in words, where the reward above the target range reaches 0", null, min: 0, minExclusive: true),
        new("rewards[].model", KeyKind.Folder, "reward_model: a trained reward model folder; not set = the one the recipe's reward_model stage trains"),
        Enum("rewards[].isolation", "in_process, or child: a child process killed past its limits", ["in_process", "child"], "in_process"),
        Enum("rewards_composition", "weighted_sum of scores, or averaged_advantages (LongWriter-Zero)",
            ["weighted_sum", "averaged_advantages"], "weighted_sum"),
        Section("reward_model", "a stage that trains the quality reward model (Bradley-Terry on preference pairs) before the policy"),
        .. DataSource("reward_model.data", "preference pairs: a file (prompt, chosen, rejected) or a built-in writing task"),
        .. DataSource("reward_model.eval", "held-out preference pairs, for the ranking accuracy"),
        Int("reward_model.steps", "updates of the reward model", 100, min: 1),
        Num("reward_model.lr", "its learning rate", 1e-4, min: 0, minExclusive: true),
        Int("reward_model.batch_size", "pairs per update", 16, min: 1),
        Section("reward_limits", "limits every reward runs under"),
        Num("reward_limits.timeout", "seconds per sample (in process) or per batch (child)", Limits.PerSample.TotalSeconds, min: 0, max: 86400, minExclusive: true),
        Int("reward_limits.max_consecutive_failures", "failures in a row that stop the run (0 = never)", Limits.MaxConsecutiveFailures, min: 0),
        Int("reward_limits.memory_mb", "memory limit of a child-process reward (MB)", Child.MemoryLimitMb, min: 128),
    ];

    static RecipeKey Section(string path, string description) => new(path, KeyKind.Mapping, description);

    static RecipeKey Str(string path, string description, string? value) => new(path, KeyKind.String, description) { Default = value };

    static RecipeKey Bool(string path, string description, bool value) => new(path, KeyKind.Boolean, description) { Default = value };

    static RecipeKey Enum(string path, string description, IReadOnlyList<string> names, string? value) =>
        new(path, KeyKind.Enum, description) { Default = value, Allowed = names };

    static RecipeKey Int(string path, string description, int? value, int? min = null) =>
        new(path, KeyKind.Integer, description) { Default = value, Min = min };

    static RecipeKey Num(string path, string description, double? value, double? min = null, double? max = null,
        bool minExclusive = false, bool maxExclusive = false) =>
        new(path, KeyKind.Number, description) { Default = value, Min = min, Max = max, MinExclusive = minExclusive, MaxExclusive = maxExclusive };
}
