import CBLAS
/// DLKit: tensors, autograd, layers, losses, optimizers, datasets and augmentation.
public enum DLKitInfo { public static let version = "0.1.0" }
