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

    /// How many cores DLKit's matrix products and kernels run on (the process's CPU affinity): DLKit splits the
    /// work itself, each core calling single-threaded OpenBLAS (Kernels/ParallelGEMM.swift).
    ///
    /// ```swift
    /// print(DLKitInfo.blasThreads)   // 2 on the course machine
    /// ```
    public static var blasThreads: Int { ParallelConfig.workers }
}
