#!/usr/bin/python3
"""Reference fixtures for PostTrain's Modeling layer.

Writes tiny random Hugging Face style model folders (config.json,
model.safetensors) together with inputs and the logits an independent
reference forward pass computes for them, plus parameter-shape listings for
the real configs under ../real_configs/.

The forward pass follows Hugging Face transformers' eager code path:
  src/transformers/models/llama/modeling_llama.py
  src/transformers/models/qwen2/modeling_qwen2.py
  src/transformers/models/qwen3/modeling_qwen3.py
  src/transformers/modeling_rope_utils.py  (default, linear, llama3)
It was written from reading those files; transformers itself is not imported.

Run:  /usr/bin/python3 tests/Modeling.Tests/Fixtures/reference/make_reference.py
Needs only torch (tested with Debian's python3-torch 1.13) and the standard
library.  Deterministic: every case seeds torch.manual_seed.
"""

import collections
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
REAL_CONFIGS = os.path.join(FIXTURES, "real_configs")

BATCH = 2
SEQ_LEN = 9


# --------------------------------------------------------------------------
# Config helpers (mirroring how transformers reads a config.json)
# --------------------------------------------------------------------------

def head_dim_of(cfg):
    # modeling_*: getattr(config, "head_dim", None) or hidden_size // num_attention_heads
    return cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]


def rope_type_of(cfg):
    rs = cfg.get("rope_scaling")
    if not rs:
        return "default"
    # BC: "rope_type" was originally "type"
    return rs.get("rope_type", rs.get("type", "default"))


def has_attention_bias(cfg):
    if cfg["model_type"] == "qwen2":
        return True  # Qwen2Attention: q/k/v bias=True, o_proj bias=False (hard-coded)
    return bool(cfg.get("attention_bias", False))


def has_o_bias(cfg):
    if cfg["model_type"] == "qwen2":
        return False
    return bool(cfg.get("attention_bias", False))


def has_mlp_bias(cfg):
    if cfg["model_type"] == "llama":
        return bool(cfg.get("mlp_bias", False))
    return False


def has_qk_norm(cfg):
    return cfg["model_type"] == "qwen3"


# --------------------------------------------------------------------------
# RoPE (modeling_rope_utils.py)
# --------------------------------------------------------------------------

def compute_inv_freq(cfg):
    """Returns (inv_freq float32 [dim/2], attention_scaling)."""
    base = cfg["rope_theta"]
    dim = head_dim_of(cfg)  # partial_rotary_factor is 1.0 for these families
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    attention_factor = 1.0
    rope_type = rope_type_of(cfg)
    rs = cfg.get("rope_scaling")
    if rope_type == "default":
        pass
    elif rope_type == "linear":
        inv_freq = inv_freq / rs["factor"]
    elif rope_type == "llama3":
        factor = rs["factor"]
        low_freq_factor = rs["low_freq_factor"]
        high_freq_factor = rs["high_freq_factor"]
        old_context_len = rs["original_max_position_embeddings"]
        low_freq_wavelen = old_context_len / low_freq_factor
        high_freq_wavelen = old_context_len / high_freq_factor
        wavelen = 2 * math.pi / inv_freq
        # wavelen < high_freq_wavelen: unchanged; wavelen > low_freq_wavelen: / factor
        inv_freq_llama = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
        # otherwise interpolate with a smooth factor
        smooth_factor = (old_context_len / wavelen - low_freq_factor) / (high_freq_factor - low_freq_factor)
        smoothed = (1 - smooth_factor) * inv_freq_llama / factor + smooth_factor * inv_freq_llama
        is_medium = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
        inv_freq = torch.where(is_medium, smoothed, inv_freq_llama)
    else:
        raise NotImplementedError(rope_type)
    return inv_freq, attention_factor


def rotary_cos_sin(inv_freq, attention_scaling, position_ids, dtype):
    # RotaryEmbedding.forward: float32 matmul, cat(freqs, freqs), cos/sin, cast to x.dtype
    inv_freq_expanded = inv_freq[None, :, None].float().expand(position_ids.shape[0], -1, 1)
    position_ids_expanded = position_ids[:, None, :].float()
    freqs = (inv_freq_expanded.float() @ position_ids_expanded.float()).transpose(1, 2)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos = emb.cos() * attention_scaling
    sin = emb.sin() * attention_scaling
    return cos.to(dtype=dtype), sin.to(dtype=dtype)


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary_pos_emb(q, k, cos, sin):
    cos = cos.unsqueeze(1)
    sin = sin.unsqueeze(1)
    return (q * cos) + (rotate_half(q) * sin), (k * cos) + (rotate_half(k) * sin)


def repeat_kv(x, n_rep):
    b, kvh, s, d = x.shape
    if n_rep == 1:
        return x
    return x[:, :, None, :, :].expand(b, kvh, n_rep, s, d).reshape(b, kvh * n_rep, s, d)


# --------------------------------------------------------------------------
# Modules: same attribute names / registration order as transformers, so
# state_dict() keys and named_parameters() order equal Hugging Face's.
# --------------------------------------------------------------------------

class RMSNorm(nn.Module):
    def __init__(self, dim, eps, device=None):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim, device=device))
        self.variance_epsilon = eps

    def forward(self, hidden_states):
        input_dtype = hidden_states.dtype
        hidden_states = hidden_states.to(torch.float32)
        variance = hidden_states.pow(2).mean(-1, keepdim=True)
        hidden_states = hidden_states * torch.rsqrt(variance + self.variance_epsilon)
        return self.weight * hidden_states.to(input_dtype)


class Attention(nn.Module):
    def __init__(self, cfg, device=None):
        super().__init__()
        h = cfg["hidden_size"]
        self.num_heads = cfg["num_attention_heads"]
        self.num_kv_heads = cfg["num_key_value_heads"]
        self.head_dim = head_dim_of(cfg)
        self.num_key_value_groups = self.num_heads // self.num_kv_heads
        self.scaling = self.head_dim ** -0.5
        qkv_bias = has_attention_bias(cfg)
        self.q_proj = nn.Linear(h, self.num_heads * self.head_dim, bias=qkv_bias, device=device)
        self.k_proj = nn.Linear(h, self.num_kv_heads * self.head_dim, bias=qkv_bias, device=device)
        self.v_proj = nn.Linear(h, self.num_kv_heads * self.head_dim, bias=qkv_bias, device=device)
        self.o_proj = nn.Linear(self.num_heads * self.head_dim, h, bias=has_o_bias(cfg), device=device)
        self.qk_norm = has_qk_norm(cfg)
        if self.qk_norm:
            self.q_norm = RMSNorm(self.head_dim, cfg["rms_norm_eps"], device=device)
            self.k_norm = RMSNorm(self.head_dim, cfg["rms_norm_eps"], device=device)

    def forward(self, hidden_states, cos, sin, attention_mask):
        input_shape = hidden_states.shape[:-1]
        hidden_shape = (*input_shape, -1, self.head_dim)
        q = self.q_proj(hidden_states).view(hidden_shape)
        k = self.k_proj(hidden_states).view(hidden_shape)
        v = self.v_proj(hidden_states).view(hidden_shape).transpose(1, 2)
        if self.qk_norm:  # Qwen3: per-head RMSNorm over head_dim, before RoPE
            q = self.q_norm(q)
            k = self.k_norm(k)
        q = q.transpose(1, 2)
        k = k.transpose(1, 2)
        q, k = apply_rotary_pos_emb(q, k, cos, sin)

        # eager_attention_forward
        k = repeat_kv(k, self.num_key_value_groups)
        v = repeat_kv(v, self.num_key_value_groups)
        attn_weights = torch.matmul(q, k.transpose(2, 3)) * self.scaling
        attn_weights = attn_weights + attention_mask[:, :, :, : k.shape[-2]]
        attn_weights = F.softmax(attn_weights, dim=-1, dtype=torch.float32).to(q.dtype)
        attn_output = torch.matmul(attn_weights, v)
        attn_output = attn_output.transpose(1, 2).contiguous()
        attn_output = attn_output.reshape(*input_shape, -1).contiguous()
        return self.o_proj(attn_output)


class MLP(nn.Module):
    def __init__(self, cfg, device=None):
        super().__init__()
        h, i = cfg["hidden_size"], cfg["intermediate_size"]
        b = has_mlp_bias(cfg)
        assert cfg["hidden_act"] == "silu"
        self.gate_proj = nn.Linear(h, i, bias=b, device=device)
        self.up_proj = nn.Linear(h, i, bias=b, device=device)
        self.down_proj = nn.Linear(i, h, bias=b, device=device)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, cfg, device=None):
        super().__init__()
        self.self_attn = Attention(cfg, device=device)
        self.mlp = MLP(cfg, device=device)
        self.input_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"], device=device)
        self.post_attention_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"], device=device)

    def forward(self, hidden_states, cos, sin, attention_mask):
        residual = hidden_states
        hidden_states = self.input_layernorm(hidden_states)
        hidden_states = self.self_attn(hidden_states, cos, sin, attention_mask)
        hidden_states = residual + hidden_states
        residual = hidden_states
        hidden_states = self.post_attention_layernorm(hidden_states)
        hidden_states = self.mlp(hidden_states)
        return residual + hidden_states


class BaseModel(nn.Module):
    def __init__(self, cfg, device=None):
        super().__init__()
        self.embed_tokens = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"], device=device)
        self.layers = nn.ModuleList([DecoderLayer(cfg, device=device) for _ in range(cfg["num_hidden_layers"])])
        self.norm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"], device=device)
        # rotary inv_freq is a non-persistent buffer in transformers: kept out of the state dict here.
        self._inv_freq, self._attention_scaling = compute_inv_freq(cfg)

    def forward(self, input_ids):
        inputs_embeds = self.embed_tokens(input_ids)
        b, t = input_ids.shape
        position_ids = torch.arange(t).unsqueeze(0).expand(b, t)
        cos, sin = rotary_cos_sin(self._inv_freq, self._attention_scaling, position_ids, inputs_embeds.dtype)
        # eager causal mask: 0 where allowed, finfo(dtype).min where masked, shape [b, 1, t, t]
        dtype = inputs_embeds.dtype
        allowed = torch.ones(t, t, dtype=torch.bool).tril()
        mask = torch.where(allowed, torch.tensor(0.0, dtype=dtype), torch.tensor(torch.finfo(dtype).min, dtype=dtype))
        mask = mask[None, None].expand(b, 1, t, t)
        hidden_states = inputs_embeds
        for layer in self.layers:
            hidden_states = layer(hidden_states, cos, sin, mask)
        return self.norm(hidden_states)


class ForCausalLM(nn.Module):
    def __init__(self, cfg, device=None):
        super().__init__()
        self.cfg = cfg
        self.model = BaseModel(cfg, device=device)
        self.tied = bool(cfg.get("tie_word_embeddings", False))
        if not self.tied:
            self.lm_head = nn.Linear(cfg["hidden_size"], cfg["vocab_size"], bias=False, device=device)

    def forward(self, input_ids):
        hidden = self.model(input_ids)
        weight = self.model.embed_tokens.weight if self.tied else self.lm_head.weight
        return F.linear(hidden, weight)  # no upcast: logits keep the model dtype


def param_shapes(cfg):
    """Ordered {name: shape} as named_parameters() of the HF model (tied lm_head omitted)."""
    m = ForCausalLM(cfg, device="meta")
    return collections.OrderedDict((n, list(p.shape)) for n, p in m.named_parameters())


def init_weights(model, seed):
    torch.manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):  # input/post_attention layernorm, model.norm, q_norm, k_norm
                p.copy_(1.0 + 0.1 * torch.randn(p.shape))
            else:  # embeddings, linear weights, biases
                p.copy_(0.1 * torch.randn(p.shape))


# --------------------------------------------------------------------------
# Independent float64 check: explicit loops, no repeat_kv, pairwise rotation.
# --------------------------------------------------------------------------

def naive_inv_freq(cfg):
    d = head_dim_of(cfg)
    base = cfg["rope_theta"]
    inv = [1.0 / (base ** (2 * i / d)) for i in range(d // 2)]
    rt = rope_type_of(cfg)
    rs = cfg.get("rope_scaling")
    if rt == "linear":
        inv = [x / rs["factor"] for x in inv]
    elif rt == "llama3":
        out = []
        for x in inv:
            wl = 2 * math.pi / x
            lo = rs["original_max_position_embeddings"] / rs["low_freq_factor"]
            hi = rs["original_max_position_embeddings"] / rs["high_freq_factor"]
            if wl < hi:
                out.append(x)
            elif wl > lo:
                out.append(x / rs["factor"])
            else:
                s = (rs["original_max_position_embeddings"] / wl - rs["low_freq_factor"]) / (
                    rs["high_freq_factor"] - rs["low_freq_factor"])
                out.append((1 - s) * x / rs["factor"] + s * x)
        inv = out
    return inv


def naive_logits(cfg, sd, input_ids):
    W = {k: v.double() for k, v in sd.items()}
    H, KV, D = cfg["num_attention_heads"], cfg["num_key_value_heads"], head_dim_of(cfg)
    eps = cfg["rms_norm_eps"]
    inv = naive_inv_freq(cfg)

    def rms(x, w):
        return w * x / torch.sqrt((x * x).mean() + eps)

    def lin(name, x):
        y = W[name + ".weight"] @ x
        if name + ".bias" in W:
            y = y + W[name + ".bias"]
        return y

    def rope(vec, pos):
        out = vec.clone()
        for i in range(D // 2):
            c, s = math.cos(pos * inv[i]), math.sin(pos * inv[i])
            a, b = vec[i].item(), vec[i + D // 2].item()
            out[i] = a * c - b * s
            out[i + D // 2] = b * c + a * s
        return out

    result = torch.zeros(len(input_ids), len(input_ids[0]), cfg["vocab_size"], dtype=torch.float64)
    for bi, seq in enumerate(input_ids):
        xs = [W["model.embed_tokens.weight"][tok].clone() for tok in seq]
        T = len(seq)
        for li in range(cfg["num_hidden_layers"]):
            p = "model.layers.%d." % li
            normed = [rms(x, W[p + "input_layernorm.weight"]) for x in xs]
            qs, ks, vs = [], [], []
            for t in range(T):
                q = lin(p + "self_attn.q_proj", normed[t]).view(H, D)
                k = lin(p + "self_attn.k_proj", normed[t]).view(KV, D)
                v = lin(p + "self_attn.v_proj", normed[t]).view(KV, D)
                if has_qk_norm(cfg):
                    q = torch.stack([rms(q[h], W[p + "self_attn.q_norm.weight"]) for h in range(H)])
                    k = torch.stack([rms(k[h], W[p + "self_attn.k_norm.weight"]) for h in range(KV)])
                qs.append(torch.stack([rope(q[h], t) for h in range(H)]))
                ks.append(torch.stack([rope(k[h], t) for h in range(KV)]))
                vs.append(v)
            new_xs = []
            for t in range(T):
                heads = []
                for h in range(H):
                    g = h // (H // KV)  # query head h reads kv head h // group_size
                    scores = torch.tensor([float(qs[t][h] @ ks[s][g]) / math.sqrt(D) for s in range(t + 1)],
                                          dtype=torch.float64)
                    w = torch.softmax(scores, dim=0)
                    heads.append(sum(w[s] * vs[s][g] for s in range(t + 1)))
                attn = lin(p + "self_attn.o_proj", torch.cat(heads))
                x = xs[t] + attn
                hn = rms(x, W[p + "post_attention_layernorm.weight"])
                gate = lin(p + "mlp.gate_proj", hn)
                up = lin(p + "mlp.up_proj", hn)
                x = x + lin(p + "mlp.down_proj", gate * torch.sigmoid(gate) * up)
                new_xs.append(x)
            xs = new_xs
        head = W["lm_head.weight"] if "lm_head.weight" in W else W["model.embed_tokens.weight"]
        for t in range(T):
            result[bi, t] = head @ rms(xs[t], W["model.norm.weight"])
    return result


# --------------------------------------------------------------------------
# safetensors: own writer and reader
# --------------------------------------------------------------------------

DTYPE_NAMES = {torch.float32: "F32", torch.bfloat16: "BF16"}


def tensor_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.float32:
        return t.numpy().astype("<f4").tobytes()
    if t.dtype == torch.bfloat16:
        # the raw upper 16 bits of the float32 bit pattern, as torch stores bfloat16
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    raise TypeError(t.dtype)


def write_safetensors(path, tensors):
    header = collections.OrderedDict()
    header["__metadata__"] = {"format": "pt"}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name]
        data = tensor_bytes(t)
        header[name] = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for blob in blobs:
            f.write(blob)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    base = 8 + n
    out = collections.OrderedDict()
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        buf = bytearray(raw[base + a: base + b])
        if info["dtype"] == "F32":
            t = torch.frombuffer(buf, dtype=torch.float32) if len(buf) else torch.empty(0)
        elif info["dtype"] == "BF16":
            t = torch.frombuffer(buf, dtype=torch.int16).view(torch.bfloat16)
        else:
            raise TypeError(info["dtype"])
        out[name] = t.reshape(info["shape"]).clone()
    return header, out


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------

def tiny_qwen2(dtype="float32"):
    return collections.OrderedDict([
        ("architectures", ["Qwen2ForCausalLM"]),
        ("attention_dropout", 0.0),
        ("bos_token_id", 1),
        ("eos_token_id", 2),
        ("hidden_act", "silu"),
        ("hidden_size", 64),
        ("initializer_range", 0.02),
        ("intermediate_size", 96),
        ("max_position_embeddings", 128),
        ("max_window_layers", 2),
        ("model_type", "qwen2"),
        ("num_attention_heads", 4),
        ("num_hidden_layers", 2),
        ("num_key_value_heads", 2),
        ("rms_norm_eps", 1e-06),
        ("rope_scaling", None),
        ("rope_theta", 10000.0),
        ("sliding_window", 128),
        ("tie_word_embeddings", False),
        ("torch_dtype", dtype),
        ("use_cache", True),
        ("use_sliding_window", False),
        ("vocab_size", 128),
    ])


def tiny_qwen3():
    return collections.OrderedDict([
        ("architectures", ["Qwen3ForCausalLM"]),
        ("attention_bias", False),
        ("attention_dropout", 0.0),
        ("bos_token_id", 1),
        ("eos_token_id", 2),
        ("head_dim", 32),  # differs from hidden_size // num_attention_heads == 16 on purpose
        ("hidden_act", "silu"),
        ("hidden_size", 64),
        ("initializer_range", 0.02),
        ("intermediate_size", 96),
        ("max_position_embeddings", 128),
        ("max_window_layers", 2),
        ("model_type", "qwen3"),
        ("num_attention_heads", 4),
        ("num_hidden_layers", 2),
        ("num_key_value_heads", 2),
        ("rms_norm_eps", 1e-06),
        ("rope_scaling", None),
        ("rope_theta", 10000.0),
        ("sliding_window", None),
        ("tie_word_embeddings", True),
        ("torch_dtype", "float32"),
        ("use_cache", True),
        ("use_sliding_window", False),
        ("vocab_size", 128),
    ])


def tiny_llama(num_kv_heads=2, rope_scaling=None):
    return collections.OrderedDict([
        ("architectures", ["LlamaForCausalLM"]),
        ("attention_bias", False),
        ("attention_dropout", 0.0),
        ("bos_token_id", 1),
        ("eos_token_id", 2),
        ("head_dim", 16),
        ("hidden_act", "silu"),
        ("hidden_size", 64),
        ("initializer_range", 0.02),
        ("intermediate_size", 96),
        ("max_position_embeddings", 128),
        ("mlp_bias", False),
        ("model_type", "llama"),
        ("num_attention_heads", 4),
        ("num_hidden_layers", 2),
        ("num_key_value_heads", num_kv_heads),
        ("pretraining_tp", 1),
        ("rms_norm_eps", 1e-05),
        ("rope_scaling", rope_scaling),
        ("rope_theta", 500000.0),
        ("tie_word_embeddings", False),
        ("torch_dtype", "float32"),
        ("use_cache", True),
        ("vocab_size", 128),
    ])


# original_max_position_embeddings is 64, not 16: with head_dim 16 the shortest
# RoPE wavelength is 2*pi ~ 6.28, so with 16 (high_freq_wavelen = 16/4 = 4) no
# frequency would be in the high (unchanged) band.  With 64 the bands are
# high (< 16): i=0, medium (16..64): i=1, low (> 64): i=2..7.  Checked below.
LLAMA3_SCALING = collections.OrderedDict([
    ("factor", 8.0),
    ("high_freq_factor", 4.0),
    ("low_freq_factor", 1.0),
    ("original_max_position_embeddings", 64),
    ("rope_type", "llama3"),
])

LINEAR_SCALING = collections.OrderedDict([
    ("factor", 4.0),
    ("rope_type", "linear"),
    ("type", "linear"),  # older configs spell it "type"; transformers accepts both
])

CASES = [
    ("qwen2", tiny_qwen2(), 1001),
    ("qwen3", tiny_qwen3(), 1002),
    ("llama", tiny_llama(), 1003),
    ("llama_rope_llama3", tiny_llama(rope_scaling=LLAMA3_SCALING), 1004),
    ("llama_rope_linear", tiny_llama(rope_scaling=LINEAR_SCALING), 1005),
    ("llama_mha", tiny_llama(num_kv_heads=4), 1006),
    ("qwen2_bf16", tiny_qwen2(dtype="bfloat16"), 1007),
]


def make_inputs(seed, vocab):
    g = torch.Generator().manual_seed(seed + 7)
    ids = torch.randint(0, vocab, (BATCH, SEQ_LEN), generator=g)
    ids[0, 0] = 0          # first and last rows of the embedding get used too
    ids[1, -1] = vocab - 1
    ids[1, 3] = ids[0, 3]  # a repeated token at the same position in both rows
    return ids


def check(cond, msg):
    if not cond:
        print("SELF-CHECK FAILED: " + msg)
        sys.exit(1)
    print("  ok: " + msg)


def run_case(name, cfg, seed):
    print("== %s" % name)
    out_dir = os.path.join(HERE, name)
    os.makedirs(out_dir, exist_ok=True)
    dtype = torch.bfloat16 if cfg["torch_dtype"] == "bfloat16" else torch.float32

    model = ForCausalLM(cfg)
    init_weights(model, seed)  # drawn in float32, then rounded to the case dtype
    # bf16: torch 1.13 on CPU has every op used here in bfloat16 (linear/addmm, matmul,
    # embedding, silu, cat, elementwise, softmax(dtype=float32)), so nothing had to be
    # emulated.  As in transformers loaded with torch_dtype=bfloat16, the rotary inv_freq
    # stays float32 (it is not a parameter and is built with .float()), and cos/sin are
    # cast to bf16.  CPU bf16 matmuls accumulate in float32 and round once, as cuBLAS
    # does, but the summation order differs, so compare bf16 logits with a tolerance.
    model = model.to(dtype)
    model.eval()
    sd = collections.OrderedDict((k, v.detach().clone()) for k, v in model.state_dict().items())

    input_ids = make_inputs(seed, cfg["vocab_size"])
    with torch.no_grad():
        logits = model(input_ids)
    check(logits.dtype == dtype, "logits computed in %s" % dtype)
    logits32 = logits.float()
    check(tuple(logits32.shape) == (BATCH, SEQ_LEN, cfg["vocab_size"]), "logits shape %s" % list(logits32.shape))
    check(bool(torch.isfinite(logits32).all()), "logits finite")

    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")
    with open(os.path.join(out_dir, "inputs.json"), "w") as f:
        json.dump({"input_ids": input_ids.tolist()}, f)
        f.write("\n")
    model_path = os.path.join(out_dir, "model.safetensors")
    logits_path = os.path.join(out_dir, "logits.safetensors")
    write_safetensors(model_path, sd)
    write_safetensors(logits_path, {"logits": logits32.contiguous()})

    # --- self-checks ---------------------------------------------------
    header, back = read_safetensors(model_path)
    check(list(back.keys()) == sorted(sd.keys()), "safetensors keys sorted and complete (%d tensors)" % len(back))
    check(all(back[k].dtype == sd[k].dtype and torch.equal(back[k].view(-1).float(), sd[k].view(-1).float())
              and list(back[k].shape) == list(sd[k].shape) for k in sd), "safetensors read-back equals weights")
    with open(model_path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    check(n % 8 == 0, "header length %d is a multiple of 8" % n)
    check(all(len(tensor_bytes(back[k])) == header[k]["data_offsets"][1] - header[k]["data_offsets"][0] for k in back)
          and b"".join(tensor_bytes(back[k]) for k in back) == raw[8 + n:], "re-serialised bytes match file bytes")
    if dtype == torch.bfloat16:
        w = sd["model.embed_tokens.weight"]
        bits = (w.float().view(torch.int32) >> 16).to(torch.int16)
        check(torch.equal(bits, w.view(torch.int16)), "BF16 payload is the upper 16 bits of the float32 pattern")
    _, lback = read_safetensors(logits_path)
    check(torch.equal(lback["logits"], logits32), "logits read-back equals logits")

    hd = head_dim_of(cfg)
    check(list(sd["model.layers.0.self_attn.q_proj.weight"].shape) == [cfg["num_attention_heads"] * hd,
                                                                     cfg["hidden_size"]],
          "q_proj shape uses head_dim %d" % hd)
    check(("lm_head.weight" in sd) == (not cfg["tie_word_embeddings"]),
          "lm_head.weight present iff untied (tie=%s)" % cfg["tie_word_embeddings"])
    check(("model.layers.0.self_attn.q_proj.bias" in sd) == (cfg["model_type"] == "qwen2"), "q/k/v biases only for qwen2")
    check(("model.layers.0.self_attn.q_norm.weight" in sd) == (cfg["model_type"] == "qwen3"), "q_norm/k_norm only for qwen3")
    check(list(param_shapes(cfg).keys()) == list(sd.keys()), "meta-device parameter names equal state_dict keys")

    # independent float64 loop implementation (on the same, possibly bf16-rounded, weights)
    ref = naive_logits(cfg, sd, input_ids.tolist())
    diff = (ref - logits32.double()).abs().max().item()
    scale = ref.abs().max().item()
    print("  max |logit| %.4f, max |this - float64 loops| %.3g" % (scale, diff))
    if dtype == torch.float32:
        check(diff < 1e-4, "float32 logits match the float64 loop implementation (diff %.2g)" % diff)
    else:
        check(diff < 0.05 * scale, "bf16 logits close to the float64 loop implementation (diff %.3g)" % diff)
        check(diff > 0, "bf16 logits are not simply the float32 computation")

    # RoPE scaling must actually change the result
    if rope_type_of(cfg) != "default":
        plain = dict(cfg)
        plain["rope_scaling"] = None
        m2 = ForCausalLM(plain).to(dtype)
        m2.load_state_dict(sd)
        with torch.no_grad():
            d = (m2(input_ids).float() - logits32).abs().max().item()
        check(d > 1e-3, "%s rope scaling changes the logits vs plain rope (max diff %.3g)" % (rope_type_of(cfg), d))
        inv_plain, _ = compute_inv_freq(plain)
        inv_scaled, _ = compute_inv_freq(cfg)
        print("  inv_freq plain : %s" % ["%.6g" % x for x in inv_plain.tolist()])
        print("  inv_freq scaled: %s" % ["%.6g" % x for x in inv_scaled.tolist()])
        if rope_type_of(cfg) == "linear":
            check(torch.allclose(inv_scaled, inv_plain / cfg["rope_scaling"]["factor"]), "linear: inv_freq / factor")
        if rope_type_of(cfg) == "llama3":
            rs = cfg["rope_scaling"]
            wl = 2 * math.pi / inv_plain
            hi = rs["original_max_position_embeddings"] / rs["high_freq_factor"]
            lo = rs["original_max_position_embeddings"] / rs["low_freq_factor"]
            bands = ["high" if w < hi else ("low" if w > lo else "medium") for w in wl.tolist()]
            print("  wavelengths: %s" % ["%.2f" % w for w in wl.tolist()])
            print("  bands (high < %g <= medium <= %g < low): %s" % (hi, lo, bands))
            check(set(bands) == {"high", "medium", "low"}, "llama3: all three frequency bands occur")
    return {"name": name, "dtype": cfg["torch_dtype"], "params": sum(v.numel() for v in sd.values()),
            "keys": len(sd)}


# --------------------------------------------------------------------------
# Real configs (as published on the Hugging Face Hub) and their parameters
# --------------------------------------------------------------------------

REAL = {
    # https://huggingface.co/Qwen/Qwen2.5-0.5B/blob/main/config.json
    "qwen2.5-0.5b": collections.OrderedDict([
        ("architectures", ["Qwen2ForCausalLM"]),
        ("attention_dropout", 0.0),
        ("bos_token_id", 151643),
        ("eos_token_id", 151643),
        ("hidden_act", "silu"),
        ("hidden_size", 896),
        ("initializer_range", 0.02),
        ("intermediate_size", 4864),
        ("max_position_embeddings", 32768),
        ("max_window_layers", 24),
        ("model_type", "qwen2"),
        ("num_attention_heads", 14),
        ("num_hidden_layers", 24),
        ("num_key_value_heads", 2),
        ("rms_norm_eps", 1e-06),
        ("rope_theta", 1000000.0),
        ("sliding_window", 32768),
        ("tie_word_embeddings", True),
        ("torch_dtype", "bfloat16"),
        ("transformers_version", "4.40.1"),
        ("use_cache", True),
        ("use_mrope", False),
        ("use_sliding_window", False),
        ("vocab_size", 151936),
    ]),
    # https://huggingface.co/meta-llama/Llama-3.2-1B/blob/main/config.json
    "llama-3.2-1b": collections.OrderedDict([
        ("architectures", ["LlamaForCausalLM"]),
        ("attention_bias", False),
        ("attention_dropout", 0.0),
        ("bos_token_id", 128000),
        ("eos_token_id", 128001),
        ("head_dim", 64),
        ("hidden_act", "silu"),
        ("hidden_size", 2048),
        ("initializer_range", 0.02),
        ("intermediate_size", 8192),
        ("max_position_embeddings", 131072),
        ("mlp_bias", False),
        ("model_type", "llama"),
        ("num_attention_heads", 32),
        ("num_hidden_layers", 16),
        ("num_key_value_heads", 8),
        ("pretraining_tp", 1),
        ("rms_norm_eps", 1e-05),
        ("rope_scaling", collections.OrderedDict([
            ("factor", 32.0),
            ("high_freq_factor", 4.0),
            ("low_freq_factor", 1.0),
            ("original_max_position_embeddings", 8192),
            ("rope_type", "llama3"),
        ])),
        ("rope_theta", 500000.0),
        ("tie_word_embeddings", True),
        ("torch_dtype", "bfloat16"),
        ("transformers_version", "4.45.0.dev0"),
        ("use_cache", True),
        ("vocab_size", 128256),
    ]),
    # https://huggingface.co/Qwen/Qwen3-0.6B/blob/main/config.json
    "qwen3-0.6b": collections.OrderedDict([
        ("architectures", ["Qwen3ForCausalLM"]),
        ("attention_bias", False),
        ("attention_dropout", 0.0),
        ("bos_token_id", 151643),
        ("eos_token_id", 151645),
        ("head_dim", 128),
        ("hidden_act", "silu"),
        ("hidden_size", 1024),
        ("initializer_range", 0.02),
        ("intermediate_size", 3072),
        ("max_position_embeddings", 40960),
        ("max_window_layers", 28),
        ("model_type", "qwen3"),
        ("num_attention_heads", 16),
        ("num_hidden_layers", 28),
        ("num_key_value_heads", 8),
        ("rms_norm_eps", 1e-06),
        ("rope_scaling", None),
        ("rope_theta", 1000000),
        ("sliding_window", None),
        ("tie_word_embeddings", True),
        ("torch_dtype", "bfloat16"),
        ("transformers_version", "4.51.0"),
        ("use_cache", True),
        ("use_sliding_window", False),
        ("vocab_size", 151936),
    ]),
}

# Well-known totals (tied embeddings counted once).
REAL_PARAM_TOTALS = {
    "qwen2.5-0.5b": 494032768,
    "llama-3.2-1b": 1235814400,
    "qwen3-0.6b": 596049920,
}


def write_real_configs():
    print("== real configs")
    os.makedirs(REAL_CONFIGS, exist_ok=True)
    for name, cfg in REAL.items():
        with open(os.path.join(REAL_CONFIGS, name + ".json"), "w") as f:
            json.dump(cfg, f, indent=2)
            f.write("\n")
        shapes = param_shapes(cfg)
        with open(os.path.join(REAL_CONFIGS, name + ".params.json"), "w") as f:
            # one parameter per line, in named_parameters() order
            f.write("{\n" + ",\n".join("  %s: %s" % (json.dumps(k), json.dumps(v)) for k, v in shapes.items())
                    + "\n}\n")
        with open(os.path.join(REAL_CONFIGS, name + ".params.json")) as f:
            check(list(json.load(f, object_pairs_hook=collections.OrderedDict).items())
                  == [(k, v) for k, v in shapes.items()], "%s.params.json parses back in order" % name)
        total = sum(math.prod(s) for s in shapes.values())
        print("  %s: %d parameter tensors, %d parameters" % (name, len(shapes), total))
        check(total == REAL_PARAM_TOTALS[name], "%s parameter count %d" % (name, REAL_PARAM_TOTALS[name]))
        check("lm_head.weight" not in shapes, "%s: tied lm_head not listed" % name)


def main():
    print("torch", torch.__version__)
    torch.set_num_threads(1)  # keeps CPU reductions in a fixed order
    summary = [run_case(n, dict(c), s) for n, c, s in CASES]

    write_real_configs()

    total = 0
    for root, _, files in os.walk(FIXTURES):
        for fn in files:
            total += os.path.getsize(os.path.join(root, fn))
    print("== summary")
    for s in summary:
        print("  %-18s %-9s %6d params in %d tensors" % (s["name"], s["dtype"], s["params"], s["keys"]))
    print("  fixtures total %.2f MB" % (total / 1e6))
    check(total < 5e6, "fixtures under 5 MB")


if __name__ == "__main__":
    main()
