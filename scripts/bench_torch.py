#!/usr/bin/env python3
"""The PyTorch side of scripts/bench: one workload, timed, printed as one JSON line.

The same recipes as dlkit-bench's --workload mode (Sources/dlkit-bench/Workloads.swift), on the same real MNIST
IDX files from ~/.cache/course/datasets/mnist, held in memory as bytes and normalized batch by batch:

    mlp    784-256-128-10, ReLU, Adam 1e-3, batch 64, pixels / 255; one epoch timed
    cnn    conv32-pool-conv64-pool-fc128-fc10 (3x3, padding 1), Adam 1e-3, batch 64, pixels normalized
           (0.1307, 0.3081), channels-last; one epoch timed, then inference over the 10,000 test images
           (batch 64, eval mode, no_grad, channels-last) timed; peak RSS of the process
    keras  the deck-003 Keras CNN as lessons/05-cnn.md trains it: conv32 3x3 valid - ReLU - pool 2 - dropout 0.25
           - flatten - dense 128 ReLU - dropout 0.5 - dense 10, Adam 1e-3, batch 32, normalized; one epoch timed

Threads: OMP/MKL/OPENBLAS_NUM_THREADS are set by the caller (scripts/bench) before Python starts, and
torch.set_num_threads(--threads) is called before any work.

    OMP_NUM_THREADS=2 .venv-bench/bin/python scripts/bench_torch.py --workload cnn --threads 2
"""
import argparse
import json
import os
import resource
import struct
import time
import warnings

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")   # numpy is not needed here
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

MEAN, STD = 0.1307, 0.3081


def read_idx(path):
    """The tensor stored in an IDX file (unsigned bytes), with its shape from the header."""
    with open(path, "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        raise SystemExit(f"bench_torch: {path} is not an IDX file of unsigned bytes")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load_mnist(folder):
    def part(name):
        return read_idx(os.path.join(folder, name))
    return (part("train-images-idx3-ubyte"), part("train-labels-idx1-ubyte").long(),
            part("t10k-images-idx3-ubyte"), part("t10k-labels-idx1-ubyte").long())


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, 10))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def keras_cnn():
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(),
                         nn.Linear(32 * 13 * 13, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))


def to_input(images, normalize, channels_last):
    x = images.unsqueeze(1).float().div_(255)
    if normalize:
        x = x.sub_(MEAN).div_(STD)
    return x.contiguous(memory_format=torch.channels_last) if channels_last else x


def train_epoch(model, images, labels, batch, normalize, channels_last, batches):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    n = images.shape[0]
    order = torch.randperm(n)
    steps = (n + batch - 1) // batch if batches is None else batches
    start = time.perf_counter()
    for b in range(steps):
        idx = order[b * batch:(b + 1) * batch]
        x = to_input(images[idx], normalize, channels_last)
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), labels[idx])
        loss.backward()
        opt.step()
    return time.perf_counter() - start, steps


def evaluate(model, images, labels, normalize, channels_last, batch=64):
    """(test error, seconds) of one pass over the test images in eval mode."""
    model.eval()
    wrong = 0
    start = time.perf_counter()
    with torch.no_grad():
        for s in range(0, images.shape[0], batch):
            logits = model(to_input(images[s:s + batch], normalize, channels_last))
            wrong += int((logits.argmax(1) != labels[s:s + batch]).sum())
    return wrong / images.shape[0], time.perf_counter() - start


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", choices=["mlp", "cnn", "keras"], required=True)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batches", type=int, default=None, help="stop the epoch after N batches (time scaled)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data", default=os.path.expanduser("~/.cache/course/datasets/mnist"))
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    train_x, train_y, test_x, test_y = load_mnist(a.data)
    make, batch, normalize, channels_last = {
        "mlp": (mlp, 64, False, False), "cnn": (cnn, 64, True, True), "keras": (keras_cnn, 32, True, True),
    }[a.workload]
    model = make()
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
    seconds, steps = train_epoch(model, train_x, train_y, batch, normalize, channels_last, a.batches)
    full = (train_x.shape[0] + batch - 1) // batch
    result = {"framework": "pytorch", "version": torch.__version__, "workload": a.workload,
              "threads": torch.get_num_threads(), "epoch_s": seconds * full / steps, "batches": steps}
    if a.workload == "cnn":
        evaluate(model, test_x[:640], test_y[:640], normalize, channels_last)    # warm-up, untimed
        error, t = evaluate(model, test_x, test_y, normalize, channels_last)
        result["inference_img_s"] = test_x.shape[0] / t
    else:
        error, _ = evaluate(model, test_x, test_y, normalize, channels_last)
    result["test_error"] = error
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
