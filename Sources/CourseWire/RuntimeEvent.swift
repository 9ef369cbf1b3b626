import Foundation

/// Something a lesson program reports to the `course` process besides plain text: the start of a cell, a picture,
/// a check's verdict, how an isolated cell ended.
///
///     RuntimeChannel.emit(.check(CheckVerdict(exercise: "xor", check: "check 1", passed: true,
///                                             message: "ok", hidden: false, points: 2)))
///
/// On the wire an event is one line of JSON with a `type` field: `json` writes it (the lesson program's
/// `RuntimeChannel`), `init?(json:)` reads it back (the host's output splitter) — one definition for both sides.
public enum RuntimeEvent: Equatable, Sendable {
    /// Cell `index` (its position among the lesson's code blocks) starts.
    case cellStarted(index: Int)
    /// A picture was written to `$COURSE_OUTPUT_DIR/<file>` (file = `<sha256>.png`).
    case image(file: String, width: Int, height: Int)
    /// The verdict of one check of an exercise.
    case check(CheckVerdict)
    /// An isolated cell (forked child: `fails` cells, exercises with their checks) ended.
    /// `signal` is set when it was killed by one (a trap), `exitCode` otherwise; `stderr` is what it wrote there.
    case isolatedFinished(index: Int, expectFailure: Bool, exitCode: Int?, signal: Int?, stderr: String)
    /// The program reached its end.
    case finished
}

/// The verdict of one check, as the grader and the site show it.
public struct CheckVerdict: Codable, Equatable, Sendable {
    /// The exercise's id (`exercise id=xor`).
    public var exercise: String
    /// A short name for the check (e.g. `checkClose at line 42`).
    public var check: String
    public var passed: Bool
    /// What was expected and what came out; for hidden checks, a generic message only.
    public var message: String
    /// A hidden check's source is never shown.
    public var hidden: Bool
    /// The points of the exercise this check belongs to.
    public var points: Int

    public init(exercise: String, check: String, passed: Bool, message: String, hidden: Bool, points: Int) {
        self.exercise = exercise
        self.check = check
        self.passed = passed
        self.message = message
        self.hidden = hidden
        self.points = points
    }
}

extension RuntimeEvent {
    /// The event as one line of JSON (sorted keys, so the same event always gives the same bytes).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Payload(self)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes an event line; nil when it is not a well-formed event (or a picture name could point outside the
    /// outputs folder).
    public init?(json: Substring) {
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(json.utf8)) else { return nil }
        switch payload.type {
        case "cell":
            guard let index = payload.index else { return nil }
            self = .cellStarted(index: index)
        case "image":
            guard let file = payload.file, let width = payload.width, let height = payload.height,
                  RuntimeEvent.isSafeFileName(file) else { return nil }
            self = .image(file: file, width: width, height: height)
        case "check":
            guard let verdict = payload.verdict else { return nil }
            self = .check(verdict)
        case "isolated":
            guard let index = payload.index else { return nil }
            self = .isolatedFinished(index: index, expectFailure: payload.expectFailure ?? false,
                                     exitCode: payload.exitCode, signal: payload.signal, stderr: payload.stderr ?? "")
        case "end":
            self = .finished
        default:
            return nil
        }
    }

    /// A picture's name is `<hex>.png`: nothing that could point outside the outputs folder.
    public static func isSafeFileName(_ name: String) -> Bool {
        name.hasSuffix(".png") && name.dropLast(4).allSatisfy { $0.isHexDigit } && name.count > 4
    }
}

/// The flat JSON shape of an event on the wire.
private struct Payload: Codable {
    var type: String
    var index: Int?
    var file: String?
    var width: Int?
    var height: Int?
    var verdict: CheckVerdict?
    var expectFailure: Bool?
    var exitCode: Int?
    var signal: Int?
    var stderr: String?

    init(_ event: RuntimeEvent) {
        switch event {
        case .cellStarted(let index):
            type = "cell"; self.index = index
        case .image(let file, let width, let height):
            type = "image"; self.file = file; self.width = width; self.height = height
        case .check(let verdict):
            type = "check"; self.verdict = verdict
        case .isolatedFinished(let index, let expectFailure, let exitCode, let signal, let stderr):
            type = "isolated"; self.index = index; self.expectFailure = expectFailure
            self.exitCode = exitCode; self.signal = signal; self.stderr = stderr
        case .finished:
            type = "end"
        }
    }
}
