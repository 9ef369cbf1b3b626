# Writes python-written.safetensors, the fixture SafeTensorsTests reads back with DLKit.
# Run: python3 make_safetensors_fixture.py   (needs `pip install safetensors numpy`)
import numpy as np
from safetensors.numpy import save_file

save_file(
    {
        "layer.weight": np.array([[1.5, -2.0, 3.0], [0.25, 0.0, -7.0]], dtype=np.float32),
        "layer.bias": np.array([0.5, -0.5], dtype=np.float32),
        "scores": np.array([0.125, 1e10], dtype=np.float64),
        "counts": np.array([3, -4, 5], dtype=np.int64),
        "half": np.array([1.5, -0.5, 65504.0], dtype=np.float16),
        "scalar": np.array(2.75, dtype=np.float32),
    },
    "python-written.safetensors",
    metadata={"format": "pt", "author": "fixture"},
)
