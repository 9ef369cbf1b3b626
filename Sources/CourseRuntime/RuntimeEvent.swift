import Foundation

/// Something a lesson program reports to the `course` process besides plain text: the start of a cell, a picture,
/// a check's verdict, how an isolated cell ended.
///
///     RuntimeChannel.emit(.check(CheckVerdict(exercise: "xor", check: "check 1", passed: true,
///                                             message: "ok", hidden: false, points: 2)))
///
/// On the wire (`RuntimeChannel`) an event is one line of JSON with a `type` field. The host decodes these lines
/// in `Sources/Lessons/Execution/WireEvent.swift`; keep the two in step.
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

/// The flat JSON shape of an event on the wire.
struct WireEvent: Codable {
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
