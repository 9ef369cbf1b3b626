#!/usr/bin/env python3
"""Computes convolution and pooling cases with numpy, independently of DLKit, ONCE by hand:

    python3 Tests/DLKitTests/Fixtures/conv/make_conv_fixtures.py

and writes conv_cases.json / pool_cases.json beside this script. The Swift tests only read the JSON.
Each case: inputs, the forward output, and the gradients of L = sum(y * r) for a fixed random r (so dL/dy = r).
Conventions are PyTorch's: NCHW, weight [out, in, kh, kw], cross-correlation unless flip; avg pooling divides
by kh*kw (count_include_pad=True); max pooling ignores padding.
"""
import json, os
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

rng = np.random.default_rng(20261125)
HERE = os.path.dirname(os.path.abspath(__file__))


def pad(x, p, mode):
    if p == 0:
        return x
    return np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="constant" if mode == "zeros" else "edge")


def conv_case(name, n, c, h, w, o, k, stride, p, mode, flip, bias=True):
    x = rng.standard_normal((n, c, h, w)).astype(np.float32)
    wt = rng.standard_normal((o, c, k, k)).astype(np.float32)
    b = rng.standard_normal(o).astype(np.float32) if bias else None
    x64, w64 = x.astype(np.float64), wt.astype(np.float64)
    # A true convolution is the cross-correlation with the kernel rotated by 180 degrees.
    w_eff = w64[:, :, ::-1, ::-1] if flip else w64
    # Padding as an explicit index map, so that replicate padding's gradient flows to the border pixel.
    hp, wp = h + 2 * p, w + 2 * p
    rows = np.clip(np.arange(hp) - p, 0, h - 1)
    cols = np.clip(np.arange(wp) - p, 0, w - 1)
    inside = np.outer((np.arange(hp) - p >= 0) & (np.arange(hp) - p < h),
                      (np.arange(wp) - p >= 0) & (np.arange(wp) - p < w)).astype(np.float64)
    if mode == "replicate":
        inside = np.ones_like(inside)
    xp = x64[:, :, rows][:, :, :, cols] * inside
    win = sliding_window_view(xp, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]  # n c oh ow k k
    y = np.einsum("ncijab,ocab->noij", win, w_eff)
    if b is not None:
        y = y + b[None, :, None, None]
    r = rng.standard_normal(y.shape)
    db = r.sum(axis=(0, 2, 3))
    dw_eff = np.einsum("ncijab,noij->ocab", win, r)
    dw = dw_eff[:, :, ::-1, ::-1] if flip else dw_eff
    dwin = np.einsum("noij,ocab->ncijab", r, w_eff)
    dxp = np.zeros_like(xp)
    oh, ow = y.shape[2], y.shape[3]
    for a in range(k):
        for d in range(k):
            dxp[:, :, a:a + stride * oh:stride, d:d + stride * ow:stride] += dwin[:, :, :, :, a, d]
    dxp *= inside
    dx = np.zeros_like(x64)
    # Scatter the padded gradient back to the pixels it was read from.
    np.add.at(dx, (slice(None), slice(None), rows[:, None], cols[None, :]), dxp)
    case = dict(name=name, shape=[n, c, h, w], outChannels=o, kernel=k, stride=stride, padding=p,
                paddingMode=mode, flip=flip, input=x.ravel().tolist(), weight=wt.ravel().tolist(),
                bias=(b.ravel().tolist() if b is not None else None), outputShape=list(y.shape),
                output=y.ravel().tolist(), outputGradient=r.ravel().tolist(),
                inputGradient=dx.ravel().tolist(), weightGradient=dw.ravel().tolist(),
                biasGradient=(db.tolist() if b is not None else None))
    return case


def pool_case(name, kind, n, c, h, w, k, stride, p):
    x = rng.standard_normal((n, c, h, w)).astype(np.float32)
    x64 = x.astype(np.float64)
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x64, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill)
    win = sliding_window_view(xp, (k, k), axis=(2, 3))[:, :, ::stride, ::stride]
    nn_, cc, oh, ow = win.shape[:4]
    flat = win.reshape(nn_, cc, oh, ow, k * k)
    r = rng.standard_normal((nn_, cc, oh, ow))
    dxp = np.zeros_like(xp)
    if kind == "max":
        y = flat.max(axis=-1)
        arg = flat.argmax(axis=-1)  # first maximum, like PyTorch
        for i in range(oh):
            for j in range(ow):
                a, d = np.divmod(arg[:, :, i, j], k)
                for bi in range(nn_):
                    for ci in range(cc):
                        dxp[bi, ci, i * stride + a[bi, ci], j * stride + d[bi, ci]] += r[bi, ci, i, j]
    else:
        y = flat.sum(axis=-1) / (k * k)
        for i in range(oh):
            for j in range(ow):
                dxp[:, :, i * stride:i * stride + k, j * stride:j * stride + k] += r[:, :, i, j][:, :, None, None] / (k * k)
    dx = dxp[:, :, p:p + h, p:p + w]
    return dict(name=name, kind=kind, shape=[n, c, h, w], kernel=k, stride=stride, padding=p,
                input=x.ravel().tolist(), outputShape=list(y.shape), output=y.ravel().tolist(),
                outputGradient=r.ravel().tolist(), inputGradient=dx.ravel().tolist())


conv = [
    conv_case("3x3 same padding", 2, 3, 6, 5, 4, 3, 1, 1, "zeros", False),
    conv_case("5x5 valid stride 2", 1, 2, 9, 9, 3, 5, 2, 0, "zeros", False),
    conv_case("replicate padding 2", 2, 2, 5, 6, 3, 3, 1, 2, "replicate", False),
    conv_case("true convolution (flipped kernel)", 1, 2, 7, 7, 2, 3, 1, 1, "zeros", True),
    conv_case("flipped, replicate, stride 2, no bias", 2, 1, 8, 7, 2, 4, 2, 1, "replicate", True, bias=False),
]
pool = [
    pool_case("max 2x2", "max", 2, 3, 6, 6, 2, 2, 0),
    pool_case("max 3x3 stride 2 pad 1", "max", 1, 2, 7, 8, 3, 2, 1),
    pool_case("avg 2x2", "avg", 2, 2, 6, 4, 2, 2, 0),
    pool_case("avg 3x3 stride 1 pad 1", "avg", 1, 2, 5, 5, 3, 1, 1),
]
for fname, data in (("conv_cases.json", conv), ("pool_cases.json", pool)):
    with open(os.path.join(HERE, fname), "w") as f:
        json.dump(data, f)
print("wrote", len(conv), "conv and", len(pool), "pool cases")
