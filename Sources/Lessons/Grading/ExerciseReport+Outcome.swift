/// Turning what the graded program reported about one attempt into the student's report line.
extension ExerciseReport {
    /// `problem`: a reason known before running (missing, refused, compile error). `outcome`: what the channel
    /// said about the attempt, nil when it never started. `programEnd`: how the whole program ended, for attempts
    /// it never reached. Hidden checks get a generic message, whatever happened.
    init(exercise: Exercise, problem: String?, outcome: GradingEvents.AttemptOutcome?,
         programEnd: String, timeLimit: Double) {
        var problem = problem
        var output: String?
        if problem == nil {
            if let outcome, outcome.started {
                let status = outcome.status ?? "lost"
                if outcome.status == nil {
                    problem = "stopped together with the lesson program (\(programEnd))"
                } else if status.hasPrefix("timeout") {
                    problem = "time limit: still running after \(ExerciseReport.formatSeconds(timeLimit)) (an endless loop?)"
                } else if status.hasPrefix("signal"), let number = Int32(status.dropFirst(7)) {
                    problem = "crashed (\(signalName(number)))"
                } else if let threw = outcome.threw {
                    problem = "your code threw an error before the checks ran: \(threw)"
                } else if !outcome.done {
                    problem = "the program ended before the checks finished (\(status == "exit 0" ? "an exit() call?" : status))"
                }
                if problem != nil { output = outcome.output.isEmpty ? nil : outcome.output }
            } else {
                problem = "not run: the lesson program stopped before this exercise (\(programEnd))"
            }
        }
        var verdicts: [CheckVerdict] = []
        for (index, check) in exercise.checks.enumerated() {
            let location = check.hidden ? nil : "\(check.code.file):\(max(1, check.code.line - 1))"
            let result = outcome?.checks[index]
            var passed = false
            var message: String
            if problem != nil && (result == nil || result!.begun == 0) {
                message = "did not run"
            } else if let result, result.begun > 0 {
                if result.begun > 1 {
                    message = "ran more than once; its verdicts are ignored"
                } else if !result.ended {
                    message = "did not finish (it crashed, threw, or ran out of time)"
                } else if let failure = result.verdicts.first(where: { !$0.passed }) {
                    message = failure.message
                } else {
                    passed = true
                    message = result.verdicts.isEmpty ? "passed" : result.verdicts.map(\.message).joined(separator: "; ")
                }
            } else {
                message = "did not run"
            }
            if check.hidden { message = passed ? "passed" : "failed (the details of hidden checks are not shown)" }
            verdicts.append(CheckVerdict(number: check.number, hidden: check.hidden, passed: passed,
                                         message: message, location: location))
        }
        self.init(id: exercise.id, pointsPossible: exercise.points, problem: problem, checks: verdicts, output: output)
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
