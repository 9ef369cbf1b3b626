/// The host side of the verdict channel: turns the lines a graded program wrote on its private pipe into the
/// outcome of each attempt. Only lines that start with the run's secret token count, only for the attempts the
/// host expects, and a check counts as passed only if it began, ended, and every verdict inside it passed.
///
///     var events = GradingEvents(token: token)
///     events.consume(bytes)                  // as they arrive
///     events.outcome(exercise: "relu", attempt: "submission")
struct GradingEvents {
    let token: String
    private var pending: [UInt8] = []
    private var outcomes: [String: AttemptOutcome] = [:]
    private var current: String?
    /// Verdicts or markers that did not fit the expected sequence (e.g. a check begun twice).
    private(set) var anomalies: [String] = []

    init(token: String) { self.token = token }

    /// What happened to one attempt (one isolated scope).
    struct AttemptOutcome {
        var started = false
        var checks: [Int: CheckOutcome] = [:]
        var threw: String?
        var done = false
        /// How the scope's child ended: "exit 0", "signal 4", "timeout 2".
        var status: String?
        var output = ""
    }

    struct CheckOutcome {
        var begun = 0
        var ended = false
        var verdicts: [(passed: Bool, message: String)] = []
    }

    static func key(_ exercise: String, _ attempt: String) -> String { exercise + "\u{0}" + attempt }

    func outcome(exercise: String, attempt: String) -> AttemptOutcome? { outcomes[GradingEvents.key(exercise, attempt)] }

    mutating func consume(_ bytes: [UInt8]) {
        pending += bytes
        while let newline = pending.firstIndex(of: 10) {
            let line = String(decoding: pending[..<newline], as: UTF8.self)
            pending.removeSubrange(...newline)
            handle(line)
        }
    }

    private mutating func handle(_ line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { GradingEvents.unescape(String($0)) }
        guard fields.count >= 2, fields[0] == token else { return }
        let kind = fields[1]
        let rest = Array(fields.dropFirst(2))
        switch kind {
        case "start" where rest.count >= 2:
            let key = GradingEvents.key(rest[0], rest[1])
            if outcomes[key]?.started == true { anomalies.append("\(rest[0]) (\(rest[1])) started twice") }
            outcomes[key, default: AttemptOutcome()].started = true
            current = key
            currentCheck = nil
        case "finish" where rest.count >= 4:
            let key = GradingEvents.key(rest[0], rest[1])
            outcomes[key, default: AttemptOutcome()].status = rest[2]
            outcomes[key, default: AttemptOutcome()].output = rest[3]
            current = nil
        default:
            guard let key = current else { return }
            var outcome = outcomes[key] ?? AttemptOutcome()
            switch kind {
            case "begin":
                guard let index = rest.first.flatMap(Int.init) else { return }
                outcome.checks[index, default: CheckOutcome()].begun += 1
                outcome.checks[index]!.ended = false
                currentCheck = index
            case "end":
                guard let index = rest.first.flatMap(Int.init), index == currentCheck else { return }
                outcome.checks[index]?.ended = true
                currentCheck = nil
            case "verdict" where rest.count >= 2:
                // A verdict outside a check (e.g. from the exercise code itself) does not count.
                guard let index = currentCheck else { return }
                outcome.checks[index, default: CheckOutcome()].verdicts.append((rest[0] == "pass", rest[1]))
            case "threw":
                outcome.threw = rest.first ?? "an error"
            case "done":
                outcome.done = true
            default:
                return
            }
            outcomes[key] = outcome
        }
    }

    private var currentCheck: Int?

    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
