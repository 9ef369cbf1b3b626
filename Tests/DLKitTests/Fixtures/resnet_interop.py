"""Loads DLKit's ResNet-18 into a PyTorch model of the same layout and compares (ArchitectureInteropTests.swift).

usage: resnet_interop.py FOLDER MODE   (MODE: train or eval, the mode DLKit ran in)
FOLDER holds resnet18.safetensors (DLKit's state dict: "0.weight" for conv1, "4.0.weight" for the first block's
conv1, "6.4.0.weight" for a projection's 1x1 convolution, ...) and run.safetensors (input x, weighting w, DLKit's
training-mode output and the gradients of sum(output * w)). Builds the network with torch.nn only, following
He et al.'s ResNet-18 (torchvision's layout, the modules numbered like DLKit's), loads the weights with strict=True
and prints one JSON object: the parameter count torch finds, and for the output, the input's gradient and every
parameter's gradient the largest difference relative to the largest entry (max |torch - DLKit| / max |torch|).
"""
import json
import sys

import torch
from torch import nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from recurrent_interop import load_safetensors  # noqa: E402


class Block(nn.Module):
    """torchvision's BasicBlock; children named 0..4 as DLKit's ResidualBlock lists them."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.add_module("0", nn.Conv2d(cin, cout, 3, stride, 1, bias=False))
        self.add_module("1", nn.BatchNorm2d(cout))
        self.add_module("2", nn.Conv2d(cout, cout, 3, 1, 1, bias=False))
        self.add_module("3", nn.BatchNorm2d(cout))
        self.projection = stride != 1 or cin != cout
        if self.projection:
            self.add_module("4", nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)))

    def forward(self, x):
        m = getattr(self, "0"), getattr(self, "1"), getattr(self, "2"), getattr(self, "3")
        y = m[3](m[2](torch.relu(m[1](m[0](x)))))
        shortcut = getattr(self, "4")(x) if self.projection else x
        return torch.relu(y + shortcut)


def resnet18(classes):
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for stage, width in enumerate([64, 128, 256, 512]):
        for block in range(2):
            layers.append(Block(cin, width, 2 if stage > 0 and block == 0 else 1))
            cin = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes)]
    return nn.Sequential(*layers)


if __name__ == "__main__":
    folder = sys.argv[1]
    state = load_safetensors(f"{folder}/resnet18.safetensors")
    run = load_safetensors(f"{folder}/run.safetensors")
    model = resnet18(state["14.weight"].shape[0])
    missing, unexpected = model.load_state_dict(state, strict=False)
    # DLKit does not keep BatchNorm's num_batches_tracked; every other name must match.
    assert not unexpected and all(k.endswith("num_batches_tracked") for k in missing), (missing, unexpected)
    model.train(sys.argv[2] == "train")
    x = run["x"].clone().requires_grad_(True)
    out = model(x)
    (out * run["w"]).sum().backward()

    def relative(ours, theirs):
        return ((ours - theirs).abs().max() / ours.abs().max().clamp_min(1e-12)).item()

    result = {"parameters": sum(p.numel() for p in model.parameters()),
              "output": relative(out.detach(), run["output"]), "grad.x": relative(x.grad, run["grad.x"])}
    for name, p in model.named_parameters():
        result["grad." + name] = relative(p.grad, run["grad." + name])
    print(json.dumps(result))
