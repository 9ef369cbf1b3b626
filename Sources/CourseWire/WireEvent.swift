/// Everything a lesson program tells the `course` process besides the text it prints: where a cell starts, a
/// picture, the operands of a check, a memo hit, progress, how an isolated scope ended, the end of the program.
///
///     Wire.frame(.cellStarted(index: 4), nonce: nonce)   // one line on the program's stdout
///     var splitter = WireSplitter(nonce: nonce)           // the host reads it back
///
/// Verdicts are not on this list: a lesson program reports the *values* a check compares (`CheckCall`), and the
/// host decides whether they pass (see `Lessons.CheckJudge`), so nothing a program prints can decide a grade.
public enum WireEvent: Codable, Equatable, Sendable {
    /// Cell `index` (its position among the lesson's code blocks) starts.
    case cellStarted(index: Int)
    /// A picture was written to `$COURSE_OUTPUT_DIR/<file>` (file = `<sha256>.png`).
    case image(ShownImage)
    /// The operands of one check call.
    case check(CheckCall)
    /// `memo(name) { … }` trained, or loaded what an earlier run trained.
    case memo(MemoReport)
    /// A long loop (training) reports how far it got; the terminal redraws a bar, the site ignores it.
    case progress(ProgressReport)
    /// An isolated scope (`fails` cells, an exercise with its checks: a forked child) ended; `stderr` is what the
    /// child wrote there (its crash report, if any), at most `Wire.isolatedStderrLimit` bytes.
    case isolatedEnded(index: Int, expectFailure: Bool, end: ProcessEnd, stderr: String)
    /// The program reached its end.
    case finished
}

/// A picture shown by a cell.
public struct ShownImage: Codable, Equatable, Sendable {
    /// `<sha256>.png`, a file in the outputs folder.
    public var file: String
    public var width: Int
    public var height: Int
    /// What the picture shows, for alt text; nil when the cell gave none.
    public var description: String?

    public init(file: String, width: Int, height: Int, description: String? = nil) {
        self.file = file
        self.width = width
        self.height = height
        self.description = description
    }

    /// A picture's name is `<hex>.png`: nothing that could point outside the outputs folder.
    public static func isSafeFileName(_ name: String) -> Bool {
        name.count > 4 && name.count <= 132 && name.hasSuffix(".png") && name.dropLast(4).allSatisfy(\.isHexDigit)
    }
}

/// What `memo` did.
public struct MemoReport: Codable, Equatable, Sendable {
    public enum Outcome: Codable, Equatable, Sendable {
        /// Loaded from the cache (trained earlier).
        case loaded
        /// Trained now and stored.
        case trained(seconds: Double)
        /// Trained now; storing failed (`reason`).
        case notSaved(seconds: Double, reason: String)
        /// Trained now; nothing is stored because the program has no code key (not started by `course`).
        case notCached(seconds: Double)
    }

    public var name: String
    public var outcome: Outcome

    public init(name: String, outcome: Outcome) {
        self.name = name
        self.outcome = outcome
    }

    /// The line a reader sees: `mlp: trained in 4.1 s, saved`.
    public var line: String {
        func s(_ seconds: Double) -> String {
            let tenths = (seconds * 10).rounded() / 10
            return tenths == tenths.rounded() ? "\(Int(tenths)).0" : "\(tenths)"
        }
        switch outcome {
        case .loaded: return "\(name): loaded from the cache (trained earlier)"
        case .trained(let seconds): return "\(name): trained in \(s(seconds)) s, saved"
        case .notSaved(let seconds, let reason): return "\(name): trained in \(s(seconds)) s (not saved: \(reason))"
        case .notCached(let seconds): return "\(name): trained in \(s(seconds)) s (not cached: no code key)"
        }
    }
}

/// How far a long loop got: `epoch 2/5, batch 300/937, loss 0.21, accuracy 0.93, 5.1k img/s`.
public struct ProgressReport: Codable, Equatable, Sendable {
    /// What is counted (`epoch 2/5`), shown before the bar.
    public var label: String
    public var done: Int
    public var total: Int
    /// Named numbers shown after the bar (`loss`, `accuracy`), in order.
    public var metrics: [Metric]
    /// Items per second (images/s), when known.
    public var rate: Double?
    /// Seconds since the loop began.
    public var elapsed: Double
    /// The last report of this loop (the bar is complete).
    public var finished: Bool

    public struct Metric: Codable, Equatable, Sendable {
        public var name: String
        public var value: Double
        public init(name: String, value: Double) { self.name = name; self.value = value }
    }

    public init(label: String, done: Int, total: Int, metrics: [Metric] = [], rate: Double? = nil,
                elapsed: Double, finished: Bool = false) {
        self.label = label
        self.done = done
        self.total = total
        self.metrics = metrics
        self.rate = rate
        self.elapsed = elapsed
        self.finished = finished
    }

    /// Seconds left at the current pace, when it can be told.
    public var remaining: Double? {
        guard done > 0, total >= done, elapsed > 0 else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }
}
