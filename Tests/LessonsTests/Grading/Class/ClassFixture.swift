import Foundation
import Lessons
import XCTest

/// A class of lesson-02 workbooks made by hand, as an instructor receives them (a folder per student):
///
/// | student | what they handed in | points (of 7) |
/// |---|---|---|
/// | alice | the untouched starter | 0 |
/// | bob | the reference solutions | 7 |
/// | carol | pooled-size right, the rest as given | 2 |
/// | dave | pooled-size does not compile, the rest right | 5 |
/// | erin | average-pool loops forever, the rest right | 4 |
/// | mallory | pooled-size reads bob's workbook and overwrites the gradebook; argmax-positions eats memory | 3 |
enum ClassFixture {
    static var lesson: Lesson {
        get throws {
            let url = GradingFixture.packageRoot.appendingPathComponent("lessons/02-pooling.md")
            return try Lesson(contentsOf: url, displayPath: "lessons/02-pooling.md")
        }
    }

    /// The points each student's answers earn, by construction (solutions pass, starters fail: the lesson's own
    /// validation test holds both).
    static let expectedTotals = ["alice": 0, "bob": 7, "carol": 2, "dave": 5, "erin": 4, "mallory": 3]

    static let limits = GradingLimits(timeLimit: 4, memoryLimitMB: 2048, lessonTimeLimit: 300)

    static func grader() throws -> Grader { try Grader.discover(from: GradingFixture.packageRoot, limits: limits) }

    /// Writes the class into `folder/STUDENT/02-pooling.exercises.md`; `out` is where its grades will go (the
    /// hostile workbook aims at it).
    static func writeClass(in folder: URL, out: URL) throws {
        let lesson = try lesson
        let solutions = Dictionary(uniqueKeysWithValues: Exercise.all(in: lesson).map { ($0.id, $0.solution!.code) })
        var answers: [String: [String: String]] = [
            "alice": [:],
            "bob": solutions,
            "carol": ["pooled-size": solutions["pooled-size"]!],
            "dave": solutions.merging(["pooled-size": "func pooledSize(_ n: Int, window: Int, stride: Int) -> Int {\n    let size: Int = \"13\"\n    return size\n}\n"]) { $1 },
            "erin": solutions.merging(["average-pool": "func averagePool2x2(_ x: Tensor) -> Tensor {\n    while true {}\n}\n"]) { $1 },
        ]
        let bob = folder.appendingPathComponent("bob/02-pooling.exercises.md").path
        answers["mallory"] = [
            "pooled-size": """
                let stolen = (try? String(contentsOfFile: "\(bob)", encoding: .utf8)) ?? ""
                let _ = try? "mallory,02-pooling,2,3,2,7,7,graded\\r\\n".write(toFile: "\(out.path)/gradebook.csv", atomically: true, encoding: .utf8)
                func pooledSize(_ n: Int, window: Int, stride: Int) -> Int {
                    stolen.contains("(n - window) / stride + 1") ? (n - window) / stride + 1 : n / window
                }
                """,
            "average-pool": solutions["average-pool"]!,
            "argmax-positions": """
                let winners: [(Int, Int)] = {
                    var hog: [[Float]] = []
                    while true { hog.append([Float](repeating: 1, count: 1 << 26)) }
                }()
                """,
        ]
        for (student, answer) in answers {
            let url = folder.appendingPathComponent("\(student)/02-pooling.exercises.md")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try workbook(lesson, answers: answer).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// The lesson's workbook with the code of the exercises in `answers` replaced.
    static func workbook(_ lesson: Lesson, answers: [String: String]) throws -> String {
        try GradingFixture.workbookText(for: lesson, answers: answers)
    }

    /// The built `course` executable, run in `directory`.
    static func course(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try start(arguments, in: directory)
        let out = process.standardOutput as! Pipe, err = process.standardError as! Pipe
        var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    static var executable: URL {
        get throws {
            let url = try CourseEnvironment.locate(from: GradingFixture.packageRoot).libraryDirectory
                .appendingPathComponent("course")
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw XCTSkip("the course executable is not built next to the tests")
            }
            return url
        }
    }

    /// Starts `course arguments…` in `directory` with pipes on stdout and stderr.
    static func start(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = try executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Every file below `folder` with its bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[path] = try Data(contentsOf: url) }
        }
        return files
    }
}
