import CBLAS

/// DLKit: tensors, autograd, layers, losses, optimizers, training, safetensors files, datasets and
/// augmentation — the deep-learning library of the course. See `README.md` in this folder for a tour.
///
/// ```swift
/// print(DLKitInfo.version)
/// ```
public enum DLKitInfo {
    /// The library version.
    public static let version = "0.1.0"

    /// How many threads OpenBLAS uses for matrix products (all cores unless `OPENBLAS_NUM_THREADS` says otherwise).
    ///
    /// ```swift
    /// print(DLKitInfo.blasThreads)   // 2 on the course machine
    /// ```
    public static var blasThreads: Int { Int(openblas_get_num_threads()) }
}
