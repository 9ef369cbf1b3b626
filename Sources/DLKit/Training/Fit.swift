import Foundation

extension Layer {
    /// Trains the model on in-memory inputs `x` (first axis = samples) and integer `labels`, in shuffled
    /// mini-batches, for `epochs` passes. Reports progress (a bar on a terminal, else a line per epoch, on
    /// standard error), calls `onEpoch` after each epoch (to chart or stop), and returns the history.
    ///
    /// ```swift
    /// let h = model.fit(x: trainX, labels: trainY, epochs: 5, optimizer: Adam(model.parameters))
    /// print(h.epochs.last!)
    /// ```
    @discardableResult
    public func fit(x: Tensor, labels: [Int], epochs: Int, batchSize: Int = 64, optimizer: Optimizer,
                    loss: Loss = .crossEntropy, shuffleSeed: UInt64 = 0,
                    validation: (x: Tensor, labels: [Int])? = nil, progress: ProgressStyle = .automatic,
                    onEpoch: ((EpochMetrics) -> Void)? = nil) -> TrainingHistory {
        guard x.shape.first == labels.count else {
            fatalError("fit: \(x.shape.first ?? 0) inputs (shape \(describe(x.shape))) but \(labels.count) labels")
        }
        let val = validation.map { v in { self.evaluate(x: v.x, targets: .labels(v.labels), loss: loss) } }
        return fitInMemory(x: x, targets: .labels(labels), epochs: epochs, batchSize: batchSize, optimizer: optimizer,
                           loss: loss, shuffleSeed: shuffleSeed, validation: val, progress: progress, onEpoch: onEpoch)
    }

    /// Trains on inputs `x` and target values `targets` (regression with `.mse`, or 0/1 targets with
    /// `.binaryCrossEntropy`); otherwise like `fit(x:labels:…)`.
    ///
    /// ```swift
    /// model.fit(x: xor, targets: Tensor([[0], [1], [1], [0]]), epochs: 500, batchSize: 4, optimizer: opt, loss: .mse)
    /// ```
    @discardableResult
    public func fit(x: Tensor, targets: Tensor, epochs: Int, batchSize: Int = 64, optimizer: Optimizer,
                    loss: Loss = .mse, shuffleSeed: UInt64 = 0,
                    validation: (x: Tensor, targets: Tensor)? = nil, progress: ProgressStyle = .automatic,
                    onEpoch: ((EpochMetrics) -> Void)? = nil) -> TrainingHistory {
        guard x.shape.first == targets.shape.first else {
            fatalError("fit: \(x.shape.first ?? 0) inputs (shape \(describe(x.shape))) but \(targets.shape.first ?? 0) targets (shape \(describe(targets.shape)))")
        }
        let val = validation.map { v in { self.evaluate(x: v.x, targets: .values(v.targets), loss: loss) } }
        return fitInMemory(x: x, targets: .values(targets), epochs: epochs, batchSize: batchSize, optimizer: optimizer,
                           loss: loss, shuffleSeed: shuffleSeed, validation: val, progress: progress, onEpoch: onEpoch)
    }

    /// Trains on the batches of a `DataLoader` (which shuffles and augments), e.g. MNIST images.
    ///
    /// ```swift
    /// let loader = try DataLoader(train, batchSize: 64, shuffle: true, generator: RandomGenerator(seed: 1))
    /// model.fit(loader, epochs: 1, optimizer: Adam(model.parameters))
    /// ```
    @discardableResult
    public func fit<D: Dataset>(_ loader: DataLoader<D>, epochs: Int, optimizer: Optimizer, loss: Loss = .crossEntropy,
                                validation: DataLoader<D>? = nil, progress: ProgressStyle = .automatic,
                                onEpoch: ((EpochMetrics) -> Void)? = nil) -> TrainingHistory {
        let val = validation.map { v in { self.evaluate(v, loss: loss) } }
        return runEpochs(epochs: epochs, batchesPerEpoch: loader.batchCount, optimizer: optimizer, loss: loss,
                         validation: val, progress: progress, onEpoch: onEpoch) {
            AnyIterator(loader.nextEpoch().lazy.map { ($0.images, Targets.labels($0.labels)) }.makeIterator())
        }
    }

    /// Loss and accuracy on a data set, in evaluation mode (dropout off, batch-norm running statistics),
    /// without recording gradients. The model's mode is restored afterwards.
    ///
    /// ```swift
    /// let result = model.evaluate(x: testX, labels: testY)
    /// print(result.accuracy!)
    /// ```
    public func evaluate(x: Tensor, labels: [Int], batchSize: Int = 1000, loss: Loss = .crossEntropy) -> Evaluation {
        evaluate(x: x, targets: .labels(labels), batchSize: batchSize, loss: loss)
    }

    /// Loss (and accuracy where it applies) against `targets`, in evaluation mode.
    ///
    /// ```swift
    /// let result = model.evaluate(x: xs, targets: .values(ys), loss: .mse)
    /// ```
    public func evaluate(x: Tensor, targets: Targets, batchSize: Int = 1000, loss: Loss = .crossEntropy) -> Evaluation {
        let n = x.shape.first ?? 0
        guard targets.count == n else {
            fatalError("evaluate: \(n) inputs (shape \(describe(x.shape))) but \(targets.count) targets")
        }
        let step = Swift.max(1, batchSize)
        let batches = stride(from: 0, to: n, by: step).lazy.map { start -> (Tensor, Targets) in
            let idx = Array(start..<Swift.min(start + step, n))
            return (x.rows(idx), targets.rows(idx))
        }
        return evaluateBatches(AnyIterator(batches.makeIterator()), loss: loss)
    }

    /// Loss and accuracy over all batches of a loader, in evaluation mode.
    ///
    /// ```swift
    /// let result = model.evaluate(testLoader)
    /// ```
    public func evaluate<D: Dataset>(_ loader: DataLoader<D>, loss: Loss = .crossEntropy) -> Evaluation {
        evaluateBatches(AnyIterator(loader.nextEpoch().lazy.map { ($0.images, Targets.labels($0.labels)) }.makeIterator()),
                        loss: loss)
    }

    /// The model's outputs for all of `x`, computed in batches in evaluation mode without gradients.
    ///
    /// ```swift
    /// let predictedClasses = model.predict(testX).argmax(axis: 1)
    /// ```
    public func predict(_ x: Tensor, batchSize: Int = 1000) -> Tensor {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let n = x.shape.first ?? 0
        let step = Swift.max(1, batchSize)
        return withoutGrad {
            let outputs = stride(from: 0, to: n, by: step).map { self(x[$0..<Swift.min($0 + step, n)]) }
            return outputs.isEmpty ? Tensor.zeros([0]) : Tensor.concat(outputs, axis: 0)
        }
    }

    private func evaluateBatches(_ batches: AnyIterator<(Tensor, Targets)>, loss: Loss) -> Evaluation {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        var total: Double = 0, seen = 0, correct = 0, accuracyApplies = true
        withoutGrad {
            for (input, targets) in batches {
                let output = self(input)
                let k = targets.count
                total += Double(loss(output, targets).item) * Double(k)
                seen += k
                if let c = loss.correctCount(output, targets) { correct += c } else { accuracyApplies = false }
            }
        }
        guard seen > 0 else { fatalError("evaluate: the data set is empty") }
        return Evaluation(loss: Float(total / Double(seen)), accuracy: accuracyApplies ? Float(correct) / Float(seen) : nil)
    }

    private func fitInMemory(x: Tensor, targets: Targets, epochs: Int, batchSize: Int, optimizer: Optimizer, loss: Loss,
                             shuffleSeed: UInt64, validation: (() -> Evaluation)?, progress: ProgressStyle,
                             onEpoch: ((EpochMetrics) -> Void)?) -> TrainingHistory {
        guard batchSize >= 1 else { fatalError("fit: batch size must be at least 1, got \(batchSize)") }
        let n = x.shape.first ?? 0
        guard n > 0 else { fatalError("fit: no training samples (input shape \(describe(x.shape)))") }
        var rng = RandomGenerator(seed: shuffleSeed)
        return runEpochs(epochs: epochs, batchesPerEpoch: (n + batchSize - 1) / batchSize, optimizer: optimizer,
                         loss: loss, validation: validation, progress: progress, onEpoch: onEpoch) {
            let order = rng.permutation(n)
            let batches = stride(from: 0, to: n, by: batchSize).lazy.map { start -> (Tensor, Targets) in
                let idx = Array(order[start..<Swift.min(start + batchSize, n)])
                return (x.rows(idx), targets.rows(idx))
            }
            return AnyIterator(batches.makeIterator())
        }
    }

    /// The training loop every `fit` shares: forward, loss, backward, step; metrics; progress; callback.
    private func runEpochs(epochs: Int, batchesPerEpoch: Int, optimizer: Optimizer, loss: Loss,
                           validation: (() -> Evaluation)?, progress: ProgressStyle,
                           onEpoch: ((EpochMetrics) -> Void)?,
                           makeEpoch: () -> AnyIterator<(Tensor, Targets)>) -> TrainingHistory {
        guard epochs >= 0 else { fatalError("fit: epochs must not be negative, got \(epochs)") }
        var history = TrainingHistory()
        var reporter = ProgressReporter(style: progress, epochs: epochs)
        for epoch in 1...Swift.max(epochs, 1) where epochs > 0 {
            train()
            let start = Date()
            var total: Double = 0, seen = 0, correct = 0, accuracyApplies = true, done = 0
            for (input, targets) in makeEpoch() {
                optimizer.zeroGrad()
                let output = self(input)
                let l = loss(output, targets)
                l.backward()
                optimizer.step()
                let k = targets.count, value = l.item
                guard value.isFinite else {
                    fatalError("fit: the loss became \(value) in epoch \(epoch), batch \(done + 1) — the learning rate is probably too high, or the inputs contain NaN/inf")
                }
                history.batchLosses.append(value)
                total += Double(value) * Double(k)
                seen += k
                if accuracyApplies, let c = loss.correctCount(output, targets) { correct += c } else { accuracyApplies = false }
                done += 1
                reporter.batch(epoch: epoch, done: done, total: batchesPerEpoch, loss: Float(total / Double(seen)),
                               accuracy: accuracyApplies ? Float(correct) / Float(seen) : nil, seen: seen,
                               elapsed: Date().timeIntervalSince(start))
            }
            let seconds = Date().timeIntervalSince(start)
            let val = validation?()
            let metrics = EpochMetrics(epoch: epoch, loss: Float(total / Double(Swift.max(seen, 1))),
                                       accuracy: accuracyApplies && seen > 0 ? Float(correct) / Float(seen) : nil,
                                       validationLoss: val?.loss, validationAccuracy: val?.accuracy, seconds: seconds)
            history.epochs.append(metrics)
            reporter.epochEnded(metrics)
            onEpoch?(metrics)
        }
        return history
    }
}
