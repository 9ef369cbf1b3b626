import CourseModel

/// The checks a lesson's exercises must pass as a whole, after each fence's info string was read on its own.
///
///     try ExerciseValidation.validate(blocks)   // LessonError.badExercise(line: 40, reason: "… names no exercise …")
enum ExerciseValidation {
    /// Every check and solution names an exercise that exists; each exercise id is used once.
    static func validate(_ blocks: [Block]) throws {
        var exercises: [String: Int] = [:]
        var cells: [Cell] = []
        for case .cell(let cell) in blocks { cells.append(cell) }
        for cell in cells {
            if case .exercise(let id, _) = cell.kind {
                if let first = exercises[id] {
                    throw LessonError.badExercise(line: cell.fenceLine,
                        reason: "exercise id=\(id) is used twice (first at line \(first))")
                }
                exercises[id] = cell.fenceLine
            }
        }
        var solutions: Set<String> = []
        for cell in cells {
            switch cell.kind {
            case .solution(let id), .check(let id, _):
                guard exercises[id] != nil else {
                    let known = exercises.keys.sorted().joined(separator: ", ")
                    throw LessonError.badExercise(line: cell.fenceLine,
                        reason: "'\(cell.info)' names no exercise of this lesson (exercises: \(known.isEmpty ? "none" : known))")
                }
                if case .solution = cell.kind {
                    guard solutions.insert(id).inserted else {
                        throw LessonError.badExercise(line: cell.fenceLine, reason: "exercise id=\(id) has two solutions")
                    }
                }
            default: break
            }
        }
    }
}
