import ArgumentParser

/// The checks shared by the commands' numeric options, so that a bad value is refused before anything runs, in
/// words that name the option and the value (never blamed later on the lesson or the student's code).
///
/// The options themselves are declared with `parsing: .unconditional`, so that `--timeout -5` reads -5 as the
/// value (and is refused here) instead of as an unknown flag ("Missing value for '--timeout'").
///
///     func validate() throws { try OptionValidation.seconds(timeLimit, option: "--time-limit") }
enum OptionValidation {
    /// The longest time limit accepted: one day.
    static let maximumSeconds: Double = 86_400
    /// The largest memory limit accepted, in MiB: 1 TiB (far above any machine that runs the course, and far
    /// below the point where the limit overflows when converted to bytes).
    static let maximumMemoryMiB = 1 << 20

    /// A time limit: a finite number of seconds above 0, at most a day (refuses -5, 0, inf and nan).
    static func seconds(_ value: Double, option: String) throws {
        guard value.isFinite, value > 0, value <= maximumSeconds else {
            throw ValidationError("\(option) must be a positive number of seconds, at most \(Int(maximumSeconds)) "
                + "(a day), not \(value)")
        }
    }

    /// A memory limit in MiB, from `minimum` to `maximumMemoryMiB`.
    static func memoryMiB(_ value: Int, option: String, minimum: Int) throws {
        guard value >= minimum, value <= maximumMemoryMiB else {
            throw ValidationError("\(option) must be between \(minimum) and \(maximumMemoryMiB) MiB (1 TiB), not \(value)")
        }
    }
}
