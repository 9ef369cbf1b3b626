"""Loads DLKit's recurrent layers into PyTorch and compares (RecurrentInteropTests.swift runs this).

usage: recurrent_interop.py FOLDER
FOLDER holds, for each kind in RNN, LSTM, GRU: KIND.safetensors (the layer's state dict, saved by DLKit's
`save(to:)`) and KIND-run.safetensors (the input x, the weighting w, DLKit's output, h_n, c_n and the gradient
of sum(output * w) with respect to every parameter and to x). Prints one JSON object: for each kind and each
compared tensor, the largest absolute difference between DLKit and PyTorch.
Reads safetensors by hand (an 8-byte header length, a JSON header, raw little-endian data): only torch is needed.
"""
import json
import struct
import sys

import torch


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", (name, info["dtype"])
        start, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(body[start:end]), dtype=torch.float32)
        out[name] = t.reshape(info["shape"]).clone()
    return out


def compare(folder, kind):
    state = load_safetensors(f"{folder}/{kind}.safetensors")
    run = load_safetensors(f"{folder}/{kind}-run.safetensors")
    x = run["x"]
    hidden = state["weight_hh_l0"].shape[1]
    layers = sum(1 for k in state if k.startswith("weight_ih_l"))
    module = getattr(torch.nn, kind)(x.shape[2], hidden, num_layers=layers, batch_first=True)
    module.load_state_dict(state, strict=True)   # every name and shape must match
    x.requires_grad_(True)
    if kind == "LSTM":
        output, (h_n, c_n) = module(x)
    else:
        output, h_n = module(x)
        c_n = None
    (output * run["w"]).sum().backward()
    diffs = {"output": output, "h_n": h_n}
    if c_n is not None:
        diffs["c_n"] = c_n
    result = {name: (value.detach() - run[name]).abs().max().item() for name, value in diffs.items()}
    for name, p in module.named_parameters():
        result["grad." + name] = (p.grad - run["grad." + name]).abs().max().item()
    result["grad.x"] = (x.grad - run["grad.x"]).abs().max().item()
    return result


if __name__ == "__main__":
    folder = sys.argv[1]
    print(json.dumps({kind: compare(folder, kind) for kind in ["RNN", "LSTM", "GRU"]}))
