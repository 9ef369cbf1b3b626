/// `using: &rng` is how every DLKit call that draws random numbers takes its generator (`Tensor.randn`,
/// `Linear`, `Dropout`, `Conv2D`). `Conv2D`'s own `using:` initializer covers every option but the
/// kernel flip; this one completes it, so `rng:` is never needed.
extension Conv2D {
    /// A convolution with freshly drawn weights that flips its kernels (true convolution, as on some slides)
    /// or not (cross-correlation, PyTorch's default).
    ///
    /// ```swift
    /// let conv = Conv2D(in: 1, out: 4, kernel: 3, kernelFlip: .convolution, using: &rng)
    /// ```
    public convenience init(in inChannels: Int, out outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                            paddingMode: PaddingMode = .zeros, kernelFlip: KernelFlip, bias: Bool = true,
                            initializer: Initializer = .pytorchDefault, using rng: inout RandomGenerator) {
        self.init(in: inChannels, out: outChannels, kernel: kernel, stride: stride, padding: padding,
                  paddingMode: paddingMode, kernelFlip: kernelFlip, bias: bias, initializer: initializer, rng: &rng)
    }
}
