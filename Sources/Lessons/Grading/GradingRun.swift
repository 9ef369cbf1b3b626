import Foundation

/// One graded run of a lesson program: generate it with the attempts to try, compile it (leaving out attempts
/// whose code does not compile, each with its error as the reason), run it in a ``GradingSandbox`` with time and
/// memory limits, read the verdicts from the private channel, and turn each attempt into an ``ExerciseReport``.
struct GradingRun {
    var environment: CourseEnvironment
    var toolchain: Toolchain
    var limits: GradingLimits
    /// The lesson's own code only (validation): run as the invoking user, no stray-file scan.
    var trusted = false

    struct Result {
        /// Keyed by `GradingEvents.key(exercise, attempt)`.
        var reports: [String: ExerciseReport]
        var notes: [String]
    }

    func run(lesson: Lesson, exercises: [Exercise], attempts: [GradingProgram.Attempt],
             refused: [String: String]) throws -> Result {
        var problems = refused
        var live = attempts.filter { problems[GradingEvents.key($0.exercise, $0.name)] == nil }
        let token = GradingRun.randomHex(32)
        let secretName = "__gk_" + GradingRun.randomHex(16)

        var sandbox = try GradingSandbox(memoryLimitMB: limits.memoryLimitMB, trusted: trusted)
        defer { sandbox.remove() }
        let binary = sandbox.root.appendingPathComponent("program")

        // Compile; an error inside an attempt's code (or in its copy of the checks) removes that attempt.
        var program = GradingProgram(lesson: lesson, exercises: exercises, attempts: live,
                                     secretName: secretName, timeLimit: limits.timeLimit)
        while true {
            let errors = try compile(program, to: binary, in: sandbox.root)
            if errors.isEmpty { break }
            var blamed = Set<String>()
            var unplaced: [Diagnostic] = []
            for error in errors {
                if let attempt = GradingRun.attempt(containing: error, in: program) {
                    let key = GradingEvents.key(attempt.exercise, attempt.name)
                    if problems[key] == nil {
                        problems[key] = GradingRun.describe(error, attempt: attempt, exercises: exercises)
                    }
                    blamed.insert(key)
                } else {
                    unplaced.append(error)
                }
            }
            if blamed.isEmpty {
                let detail = unplaced.prefix(8).map { "\($0.file):\($0.line):\($0.column): error: \($0.message)" }
                throw GradingError.lessonBroken(lesson: lesson.displayPath, detail: detail.joined(separator: "\n"))
            }
            live.removeAll { blamed.contains(GradingEvents.key($0.exercise, $0.name)) }
            program = GradingProgram(lesson: lesson, exercises: exercises, attempts: live,
                                     secretName: secretName, timeLimit: limits.timeLimit)
        }

        var notes: [String] = []
        var events = GradingEvents(token: token)
        var programEnd = "it was not started"
        if !live.isEmpty || attempts.isEmpty {
            sandbox.markStart()
            (events, programEnd) = try execute(binary, token: token, sandbox: sandbox, attempts: live.count)
        }
        let stray = trusted ? [] : sandbox.strayFiles()
        if !stray.isEmpty {
            let shown = stray.prefix(5).joined(separator: ", ")
            notes.append("the code wrote outside its work folder (\(shown)\(stray.count > 5 ? ", …" : "")): "
                         + "no points for any exercise of this run")
        }
        if !sandbox.isolatesUser && !trusted {
            notes.append("not running as root: the code ran as your own user, so writes outside its work folder "
                         + "are found only by their time stamps")
        }

        var reports: [String: ExerciseReport] = [:]
        let byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for attempt in attempts {
            guard let exercise = byID[attempt.exercise] else { continue }
            let key = GradingEvents.key(attempt.exercise, attempt.name)
            var report = ExerciseReport(exercise: exercise, problem: problems[key],
                                           outcome: events.outcome(exercise: attempt.exercise, attempt: attempt.name),
                                           programEnd: programEnd, timeLimit: limits.timeLimit)
            if !stray.isEmpty && report.problem == nil {
                report.problem = "the code wrote outside its work folder"
            }
            // Swift names the file of a trap by module and base name ("lessons/02-x.exercises.md:14"):
            // name the workbook as the student knows it.
            if let output = report.output {
                let base = "lessons/" + (attempt.code.file.split(separator: "/").last.map(String.init) ?? "") + ":"
                if base != attempt.code.file + ":" {
                    report.output = output.replacingOccurrences(of: base, with: attempt.code.file + ":")
                }
            }
            reports[key] = report
        }
        return Result(reports: reports, notes: notes)
    }

    // MARK: Compiling

    private func compile(_ program: GradingProgram, to binary: URL, in folder: URL) throws -> [Diagnostic] {
        let main = folder.appendingPathComponent("main.swift")
        try program.source.write(to: main, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: binary)
        let flags = LessonCompiler(environment: environment, toolchain: toolchain).flags
        let result = try ChildProcess.capture(executable: toolchain.swiftc,
                                              arguments: [main.path] + flags + ["-o", binary.path],
                                              currentDirectory: environment.packageRoot)
        if result.status == 0 && FileManager.default.fileExists(atPath: binary.path) {
            chmod(binary.path, 0o711)
            return []
        }
        let errors = Diagnostic.parseAll(result.output).filter { $0.severity == .error }
        if errors.isEmpty {
            throw GradingError.lessonBroken(lesson: program.lesson.displayPath,
                                            detail: String(result.output.suffix(2000)))
        }
        return errors
    }

    /// The attempt whose code, or whose copy of its exercise's checks, holds the diagnostic.
    static func attempt(containing error: Diagnostic, in program: GradingProgram) -> GradingProgram.Attempt? {
        for exercise in program.exercises {
            for (ordinal, attempt) in program.attempts.filter({ $0.exercise == exercise.id }).enumerated() {
                let code = attempt.code
                if error.file == code.file && error.line >= code.line && error.line < code.line + code.lineCount {
                    return attempt
                }
                for check in exercise.checks {
                    let file = GradingProgram.checkFile(check.code.file, ordinal: ordinal)
                    if error.file == file && error.line >= check.code.line
                        && error.line < check.code.line + check.code.lineCount {
                        return attempt
                    }
                }
            }
        }
        return nil
    }

    static func describe(_ error: Diagnostic, attempt: GradingProgram.Attempt, exercises: [Exercise]) -> String {
        if error.file == attempt.code.file {
            return "does not compile: \(error.file):\(error.line):\(error.column): \(error.message)"
        }
        // The error is in a check: say which, unless it is hidden.
        let exercise = exercises.first { $0.id == attempt.exercise }
        let check = exercise?.checks.first {
            error.line >= $0.code.line && error.line < $0.code.line + $0.code.lineCount
        }
        if let check, check.hidden {
            return "does not compile together with a hidden check: does your code declare the names and types "
                + "the prompt asks for?"
        }
        let file = error.file.hasPrefix("./") ? String(error.file.drop { $0 == "." || $0 == "/" }) : error.file
        return "the checks cannot use your code: \(file):\(error.line):\(error.column): \(error.message) "
            + "(does your code declare the names and types the prompt asks for?)"
    }

    // MARK: Running

    private func execute(_ binary: URL, token: String, sandbox: GradingSandbox,
                         attempts: Int) throws -> (GradingEvents, String) {
        var channel: [Int32] = [0, 0]
        guard pipe(&channel) == 0 else { throw GradingError.cannotWrite(path: "pipe", reason: "cannot create a pipe") }
        _ = fcntl(channel[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(channel[0], F_SETFL, fcntl(channel[0], F_GETFL) | O_NONBLOCK)
        defer { close(channel[0]) }
        var variables = [
            "COURSE_CHECK_FD": String(channel[1]),
            "COURSE_CHECK_TOKEN": token,
            // Trained weights `course run` / `course build` memoized are read (never written) from here, so
            // grading does not train again; the library hash is part of their key.
            "COURSE_MEMO_DIR": environment.cacheDirectory.appendingPathComponent("memo", isDirectory: true).path,
            "COURSE_OUTPUT_DIR": sandbox.workFolder.appendingPathComponent("outputs", isDirectory: true).path,
        ]
        if let hash = try? LessonRunner(environment: environment, toolchain: toolchain).libraryHash() {
            variables["COURSE_LIBRARY_HASH"] = hash
        }
        if let datasets = sandbox.shareDatasets() { variables["COURSE_DATA_DIR"] = datasets }
        let command = sandbox.command(for: binary, environment: variables)
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(executable: command.executable, arguments: command.arguments,
                                           inheriting: [channel[1]])
        } catch {
            close(channel[1])
            throw GradingError.toolchainMissing("\(error)")
        }
        close(channel[1])

        var events = GradingEvents(token: token)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let limit = limits.lessonTimeLimit + Double(attempts) * (limits.timeLimit + 1)
        let deadline = Date().addingTimeInterval(limit)
        var status: Int32 = 0
        var ended: String?
        func drain() {
            for fd in [channel[0], child.stdout, child.stderr] {
                while true {
                    let count = read(fd, &buffer, buffer.count)
                    if count <= 0 { break }
                    if fd == channel[0] {
                        events.consume(Array(buffer[0..<count]))
                    } else {
                        output += buffer[0..<count]
                        if output.count > 1 << 20 { output.removeFirst(output.count - (1 << 19)) }
                    }
                }
            }
        }
        while ended == nil {
            var fds = [channel[0], child.stdout, child.stderr].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), 50)
            drain()
            let result = waitpid(child.pid, &status, WNOHANG)
            if result == child.pid {
                let signal = status & 0x7f
                ended = signal == 0 ? "it exited with status \((status >> 8) & 0xff)" : "it was killed by \(signalName(signal))"
            } else if result < 0 && errno != EINTR {
                ended = "it was lost"
            } else if Date() > deadline {
                child.killGroup()
                _ = waitpid(child.pid, &status, 0)
                ended = "it ran out of time (\(Int(limit)) s for the whole lesson)"
            }
        }
        drain()
        child.killGroup()
        if let userID = sandbox.userID { GradingRun.killAll(of: userID) }
        var end = ended!
        let tail = String(decoding: output.suffix(1500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if !tail.isEmpty && !end.contains("status 0") { end += "; its last output:\n" + tail }
        return (events, end)
    }

    /// Ends every process left running under the sandbox's user id (one that left the process group).
    static func killAll(of userID: UInt32) {
        _ = try? ChildProcess.capture(executable: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                      arguments: ["--reuid=\(userID)", "--regid=\(userID)", "--clear-groups",
                                                  "--", "/bin/kill", "-KILL", "-1"])
    }

    static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
    }
}
