import Foundation
import Lessons
import XCTest

/// `course grade` on a class made by hand (``ClassFixture``): real workbooks of lesson 02, each in the bubblewrap
/// sandbox. The class is graded once for the whole test case; each test reads that run or grades again.
final class ClassGraderTests: XCTestCase {
    /// The class folder, its output folder and the gradebook of the first run, shared by the tests.
    nonisolated(unsafe) static var graded: (class: URL, out: URL, summary: ClassGrader.Summary, bobBefore: Data)?

    override class func tearDown() {
        if let graded { try? FileManager.default.removeItem(at: graded.class.deletingLastPathComponent()) }
        graded = nil
    }

    private func gradedClass() throws -> (class: URL, out: URL, summary: ClassGrader.Summary, bobBefore: Data) {
        if let graded = ClassGraderTests.graded { return graded }
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-class-\(UUID().uuidString)")
        let folder = base.appendingPathComponent("class"), out = base.appendingPathComponent("grades")
        try ClassFixture.writeClass(in: folder, out: out)
        let bob = try Data(contentsOf: folder.appendingPathComponent("bob/02-pooling.exercises.md"))
        let summary = try classGrader(out).grade(try ClassSubmission.find([folder.path], lesson: nil), jobs: 2)
        ClassGraderTests.graded = (folder, out, summary, bob)
        return ClassGraderTests.graded!
    }

    private func classGrader(_ out: URL) throws -> ClassGrader {
        let catalog = try LessonCatalog(folder: GradingFixture.packageRoot.appendingPathComponent("lessons"))
        return ClassGrader(grader: try ClassFixture.grader(), catalog: catalog, output: ClassOutput(folder: out))
    }

    func testEachStudentGetsThePointsTheirAnswersEarnAndABadSubmissionCostsOnlyItself() throws {
        let (_, out, summary, _) = try gradedClass()
        XCTAssertEqual(summary.graded, 6)
        let totals = Dictionary(uniqueKeysWithValues: summary.records.map { ($0.student, $0.report?.pointsEarned ?? -1) })
        XCTAssertEqual(totals, ClassFixture.expectedTotals, summary.records.map(\.text).joined())
        let status = Dictionary(uniqueKeysWithValues: summary.records.map { ($0.student, $0.status) })
        XCTAssertEqual(status["alice"], "graded")
        XCTAssertEqual(status["bob"], "graded")
        XCTAssertEqual(status["dave"], "compile error")
        XCTAssertEqual(status["erin"], "time limit")
        XCTAssertTrue(status["mallory"]?.hasPrefix("refused") == true, status["mallory"] ?? "")
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "student,lesson,pooled-size,average-pool,argmax-positions,total,possible,status")
        XCTAssertEqual(lines.dropFirst().filter { !$0.isEmpty }.map { String($0.prefix { $0 != "," }) },
                       ["alice", "bob", "carol", "dave", "erin", "mallory"])
        XCTAssertTrue(lines.contains("dave,02-pooling,0,3,2,5,7,compile error"), csv)
        XCTAssertTrue(lines.contains("erin,02-pooling,2,0,2,4,7,time limit"), csv)
        for student in ClassFixture.expectedTotals.keys {
            let report = out.appendingPathComponent("reports/\(student)/02-pooling.txt")
            XCTAssertTrue(try String(contentsOf: report, encoding: .utf8).hasSuffix("points: \(totals[student]!)/7\n"))
        }
    }

    func testAHostileWorkbookNeitherReadsAnotherStudentsFileNorWritesTheGradebook() throws {
        let (folder, out, summary, bobBefore) = try gradedClass()
        let mallory = try XCTUnwrap(summary.records.first { $0.student == "mallory" }?.report)
        XCTAssertEqual(mallory["pooled-size"]?.pointsEarned, 0)
        XCTAssertEqual(mallory["argmax-positions"]?.pointsEarned, 0)
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("bob/02-pooling.exercises.md")), bobBefore)
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        XCTAssertFalse(csv.contains("mallory,02-pooling,2,3,2,7,7"), csv)
        XCTAssertEqual(Set(try ClassFixture.tree(out).keys),
                       Set(["gradebook.csv", "rows.json"] + ClassFixture.expectedTotals.keys.flatMap {
                           ["reports/\($0)/02-pooling.json", "reports/\($0)/02-pooling.txt"] }))
        XCTAssertFalse(mallory.description.contains("(n - window) / stride + 1"), mallory.description)
    }

    func testAnUnchangedClassIsNotGradedAgainAnEditedWorkbookIsAndForceRegradesAll() throws {
        let (folder, out, first, _) = try gradedClass()
        let submissions = try ClassSubmission.find([folder.path], lesson: nil)
        let again = try classGrader(out).grade(submissions, jobs: 2)
        XCTAssertEqual(again.graded, 0)
        XCTAssertEqual(again.records, first.records)
        // alice solves pooled-size: only her workbook is graded again, and her row changes.
        let alice = folder.appendingPathComponent("alice/02-pooling.exercises.md")
        let original = try String(contentsOf: alice, encoding: .utf8)
        let solution = Exercise.all(in: try ClassFixture.lesson)[0].solution!.code
        try ClassFixture.workbook(try ClassFixture.lesson, answers: ["pooled-size": solution])
            .write(to: alice, atomically: true, encoding: .utf8)
        defer { try? original.write(to: alice, atomically: true, encoding: .utf8) }
        let edited = try classGrader(out).grade(submissions, jobs: 2)
        XCTAssertEqual(edited.graded, 1)
        XCTAssertEqual(edited.records.first { $0.student == "alice" }?.report?.pointsEarned, 2)
        try original.write(to: alice, atomically: true, encoding: .utf8)
        let restored = try classGrader(out).grade(submissions.filter { $0.student == "alice" || $0.student == "bob" },
                                                  jobs: 2, force: true)
        XCTAssertEqual(restored.graded, 2)
        XCTAssertEqual(restored.records.first { $0.student == "alice" }?.report?.pointsEarned, 0)
        // The gradebook of the whole class again, from the stored records.
        XCTAssertEqual(try classGrader(out).grade(submissions, jobs: 2).records, first.records)
    }

    func testTheSameVerdictsAsCourseCheckForTheSameWorkbook() throws {
        let (folder, _, summary, _) = try gradedClass()
        for student in ["carol", "dave", "mallory"] {
            let outcome = try ClassFixture.course(["check", folder.path + "/\(student)/02-pooling.exercises.md", "--json",
                                                   "--time-limit", "4", "--memory-limit", "2048"],
                                                  in: GradingFixture.packageRoot)
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            // The one difference: check names the workbook by the path it was given, grade by STUDENT/NAME.
            let json = outcome.stdout.replacingOccurrences(of: folder.path + "/", with: "")
            let checked = try JSONDecoder().decode(GradeReport.self, from: Data(json.utf8))
            let graded = try XCTUnwrap(summary.records.first { $0.student == student }?.report)
            XCTAssertEqual(checked.exercises, graded.exercises, student)
            XCTAssertEqual(checked.pointsEarned, ClassFixture.expectedTotals[student], student)
        }
    }

    func testShardsMergedGiveTheUnshardedOutputByteForByte() throws {
        let (folder, out, _, _) = try gradedClass()
        let base = folder.deletingLastPathComponent()
        let submissions = try ClassSubmission.find([folder.path], lesson: nil)
        var shardFolders: [URL] = []
        var seen: [String] = []
        for index in 1...2 {
            let shard = try ClassShard(index: index, count: 2)
            let share = submissions.filter { shard.contains(student: $0.student) }
            seen += share.map(\.student)
            let shardOut = base.appendingPathComponent("shard-\(index)")
            // A record left from an earlier run, of a student no longer in the class: not part of the merge.
            try ClassOutput(folder: shardOut).write(ClassRecord(student: "ghost-\(index)", lesson: "02-pooling",
                workbook: "ghost/02-pooling.exercises.md", key: "old", exercises: [], status: "graded", report: nil))
            let summary = try classGrader(shardOut).grade(share, jobs: 2)
            XCTAssertEqual(summary.graded, share.count)
            shardFolders.append(shardOut)
        }
        XCTAssertEqual(seen.sorted(), submissions.map(\.student).sorted(), "every student in exactly one shard")
        let merged = base.appendingPathComponent("merged")
        try GradebookMerge.merge(shardFolders, into: ClassOutput(folder: merged))
        let unsharded = try ClassFixture.tree(out), joined = try ClassFixture.tree(merged)
        XCTAssertFalse(joined.keys.contains { $0.contains("ghost") })
        XCTAssertEqual(joined.keys.sorted(), unsharded.keys.sorted())
        for (path, data) in unsharded { XCTAssertEqual(joined[path], data, path) }
    }
}
