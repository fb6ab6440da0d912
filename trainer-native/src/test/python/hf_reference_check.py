#!/usr/bin/python3
"""Independent fidelity check of the native engine against a PyTorch re-implementation of Hugging Face's
modeling_qwen2 / modeling_llama forward pass (fp32), on random checkpoints written here in HF layout.

Needs /usr/bin/python3 with torch (Debian: apt-get install --no-install-recommends python3-torch); exits 0
with a SKIP line when torch is absent. Usage:
  hf_reference_check.py make DIR ARCH SEED        write a random checkpoint (config.json + model.safetensors)
  hf_reference_check.py check DIR LOGITS.json IDS  compare `stepdpo model logits` output; exit 1 above 1e-4
"""
import json, struct, sys

try:
    import numpy as np
    import torch
except ImportError:
    print("SKIP: numpy/torch not importable"); sys.exit(0)

SHAPES = {  # arch -> (config overrides); both use GQA
    "qwen2": dict(model_type="qwen2", architectures=["Qwen2ForCausalLM"], vocab_size=131, hidden_size=64,
                  intermediate_size=96, num_hidden_layers=3, num_attention_heads=8, num_key_value_heads=2,
                  rms_norm_eps=1e-6, rope_theta=1000000.0, tie_word_embeddings=True),
    "llama": dict(model_type="llama", architectures=["LlamaForCausalLM"], vocab_size=127, hidden_size=64,
                  intermediate_size=80, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=1,
                  rms_norm_eps=1e-5, rope_theta=500000.0, tie_word_embeddings=False, attention_bias=False),
}
DTYPES = {"F32": np.float32, "F16": np.float16}


def names(c):
    h, q, kv, i = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"], c["intermediate_size"]
    hd = h // q
    out = {"model.embed_tokens.weight": (c["vocab_size"], h), "model.norm.weight": (h,)}
    for l in range(c["num_hidden_layers"]):
        p = f"model.layers.{l}."
        out.update({p + "input_layernorm.weight": (h,), p + "post_attention_layernorm.weight": (h,),
                    p + "self_attn.q_proj.weight": (q * hd, h), p + "self_attn.k_proj.weight": (kv * hd, h),
                    p + "self_attn.v_proj.weight": (kv * hd, h), p + "self_attn.o_proj.weight": (h, q * hd),
                    p + "mlp.gate_proj.weight": (i, h), p + "mlp.up_proj.weight": (i, h), p + "mlp.down_proj.weight": (h, i)})
        if c["model_type"] == "qwen2":
            out.update({p + "self_attn.q_proj.bias": (q * hd,), p + "self_attn.k_proj.bias": (kv * hd,),
                        p + "self_attn.v_proj.bias": (kv * hd,)})
    if not c["tie_word_embeddings"]:
        out["lm_head.weight"] = (c["vocab_size"], h)
    return out


def write_safetensors(path, tensors):
    header, offset, blobs = {"__metadata__": {"format": "pt"}}, 0, []
    for name, arr in tensors.items():
        code = "F16" if arr.dtype == np.float16 else "F32"
        b = arr.astype("<" + arr.dtype.str[1:]).tobytes()
        header[name] = {"dtype": code, "shape": list(arr.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b); blobs.append(b)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h))); f.write(h)
        for b in blobs: f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]; header = json.loads(f.read(n)); data = f.read()
    out = {}
    for name, e in header.items():
        if name == "__metadata__": continue
        a, b = e["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype=DTYPES[e["dtype"]]).reshape(e["shape"]).astype(np.float32)
    return out


def make(d, arch, seed):
    import os
    os.makedirs(d, exist_ok=True)
    c = dict(SHAPES[arch]); c.update(hidden_act="silu", max_position_embeddings=512, torch_dtype="float32",
                                    bos_token_id=1, eos_token_id=2)
    rng = np.random.default_rng(int(seed))
    t = {}
    for name, shape in names(c).items():
        if name.endswith("norm.weight"): a = 1 + 0.2 * rng.standard_normal(shape)
        else: a = (0.1 if name.endswith(".bias") else 0.05) * rng.standard_normal(shape)
        # store llama's MLP in F16 to exercise widening; the reference widens the same stored values
        t[name] = a.astype(np.float16 if (arch == "llama" and ".mlp." in name) else np.float32)
    write_safetensors(f"{d}/model.safetensors", t)
    json.dump(c, open(f"{d}/config.json", "w"), indent=2)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


def reference_logits(d, ids):
    c = json.load(open(f"{d}/config.json")); w = {k: torch.from_numpy(v.copy()) for k, v in read_safetensors(f"{d}/model.safetensors").items()}
    h, nh, nkv = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"]; hd = h // nh
    def norm(x, wt):
        return wt * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + c["rms_norm_eps"]))
    def lin(x, p):
        y = x @ w[p + ".weight"].T
        return y + w[p + ".bias"] if p + ".bias" in w else y
    T = len(ids)
    inv = 1.0 / (c["rope_theta"] ** (torch.arange(0, hd, 2, dtype=torch.int64).float() / hd))
    fr = torch.outer(torch.arange(T).float(), inv); emb = torch.cat((fr, fr), -1); cos, sin = emb.cos(), emb.sin()
    x = w["model.embed_tokens.weight"][torch.tensor(ids)][None]
    mask = torch.full((T, T), float("-inf")).triu(1)
    for l in range(c["num_hidden_layers"]):
        p = f"model.layers.{l}."
        y = norm(x, w[p + "input_layernorm.weight"])
        q = lin(y, p + "self_attn.q_proj").view(1, T, nh, hd).transpose(1, 2)
        k = lin(y, p + "self_attn.k_proj").view(1, T, nkv, hd).transpose(1, 2)
        v = lin(y, p + "self_attn.v_proj").view(1, T, nkv, hd).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k, v = k.repeat_interleave(nh // nkv, 1), v.repeat_interleave(nh // nkv, 1)
        a = torch.softmax(q @ k.transpose(-1, -2) / hd ** 0.5 + mask, -1) @ v
        x = x + lin(a.transpose(1, 2).reshape(1, T, nh * hd), p + "self_attn.o_proj")
        y = norm(x, w[p + "post_attention_layernorm.weight"])
        x = x + lin(torch.nn.functional.silu(lin(y, p + "mlp.gate_proj")) * lin(y, p + "mlp.up_proj"), p + "mlp.down_proj")
    head = w["model.embed_tokens.weight"] if c["tie_word_embeddings"] else w["lm_head.weight"]
    return (norm(x, w["model.norm.weight"]) @ head.T)[0]


def check(d, logits_file, ids):
    ids = [int(i) for i in ids.split(",")]
    ref = reference_logits(d, ids)
    got = torch.tensor(json.load(open(logits_file))["logits"])
    err = ((got - ref).abs().max() / ref.abs().max()).item()
    print(json.dumps({"model": d, "tokens": len(ids), "max_abs_err_over_max_abs_ref": err}))
    sys.exit(0 if err < 1e-4 else 1)


if __name__ == "__main__":
    torch.set_num_threads(1)
    {"make": lambda a: make(*a), "check": lambda a: check(*a)}[sys.argv[1]](sys.argv[2:])
