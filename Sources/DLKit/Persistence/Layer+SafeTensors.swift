extension Layer {
    /// The model's weights (and batch-norm running statistics) by PyTorch state-dict names
    /// ("0.weight", "0.bias", "1.running_mean", …).
    ///
    /// ```swift
    /// let state = model.stateDict()
    /// ```
    public func stateDict() -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for (name, p) in namedParameters { out[name] = p.value.detached() }
        for (name, b) in namedBuffers { out[name] = b.value.detached() }
        return out
    }

    /// Copies values into the model's parameters and buffers by name. Every model entry must be present
    /// with the same shape; extra entries (like PyTorch's `num_batches_tracked`) are ignored.
    ///
    /// ```swift
    /// try model.loadStateDict(try SafeTensors.load(from: "mlp.safetensors"))
    /// ```
    public func loadStateDict(_ state: [String: Tensor]) throws {
        var missing: [String] = []
        for (name, p) in namedParameters + namedBuffers {
            guard let t = state[name] else { missing.append(name); continue }
            guard t.shape == p.value.shape else {
                throw DLKitError("loadStateDict: \"\(name)\" has shape \(describe(t.shape)) in the file but \(describe(p.value.shape)) in the model")
            }
        }
        if !missing.isEmpty {
            throw DLKitError("loadStateDict: the file lacks \(missing.joined(separator: ", ")) (it has: \(state.keys.sorted().joined(separator: ", ")))")
        }
        for (name, p) in namedParameters + namedBuffers { p.value = state[name]! }
    }

    /// Saves the state dict as a safetensors file (readable by Python's `safetensors.torch.load_file`).
    ///
    /// ```swift
    /// try model.save(to: "mlp.safetensors")
    /// ```
    public func save(to path: String) throws {
        try SafeTensors.save(stateDict(), to: path)
    }

    /// Loads weights saved by `save(to:)` or by PyTorch (`safetensors.torch.save_file(model.state_dict(), …)`).
    ///
    /// ```swift
    /// try model.load(from: "mlp.safetensors")
    /// ```
    public func load(from path: String) throws {
        try loadStateDict(try SafeTensors.load(from: path))
    }
}
