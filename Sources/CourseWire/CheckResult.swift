/// The verdict on one check call, as the host decided it (`Lessons.CheckJudge`) — what the terminal, the site
/// and the grade report show. It never crosses from a lesson program: programs report `CheckCall`s.
///
///     CheckResult(exercise: "relu", check: "checkClose at line 42", passed: false,
///                 message: "expected 0, got -1", hidden: false, points: 2)
public struct CheckResult: Codable, Equatable, Sendable {
    /// The exercise's id (`exercise id=xor`).
    public var exercise: String
    /// A short name for the check (`checkClose at line 42`).
    public var check: String
    public var passed: Bool
    /// What was expected and what came out; for hidden checks a generic word only.
    public var message: String
    /// A hidden check's source and details are never shown.
    public var hidden: Bool
    /// The points of the exercise this check belongs to.
    public var points: Int
    /// The operands as the program reported them (kept so that a graded run can be judged against them).
    public var call: CheckCall?

    public init(exercise: String, check: String, passed: Bool, message: String, hidden: Bool, points: Int,
                call: CheckCall? = nil) {
        self.exercise = exercise
        self.check = check
        self.passed = passed
        self.message = message
        self.hidden = hidden
        self.points = points
        self.call = call
    }
}
