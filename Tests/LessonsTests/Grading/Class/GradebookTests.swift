import Foundation
import Lessons
import XCTest

/// The gradebook's CSV, the shards and the class folder layouts, on records and folders made here.
final class GradebookTests: XCTestCase {
    private func record(_ student: String, lesson: String = "02-pooling", points: [Int]?, status: String = "graded")
        -> ClassRecord {
        let columns = [ClassRecord.Column(id: "a", points: 2), ClassRecord.Column(id: "b", points: 3)]
        let report = points.map { points in
            GradeReport(lesson: "lessons/\(lesson).md", submission: "\(student)/x", exercises: zip(columns, points).map {
                ExerciseReport(id: $0.id, pointsPossible: $0.points,
                               checks: [CheckVerdict(number: 1, hidden: false, passed: $1 > 0, message: "")])
            })
        }
        return ClassRecord(student: student, lesson: lesson, workbook: "\(student)/x", key: "k", exercises: columns,
                           status: status, report: report)
    }

    func testRowsAreSortedQuotedAsRFC4180AndEndInCRLF() {
        let csv = Gradebook(records: [
            record("zoë", points: [2, 0]),
            record("Smith, \"Al\"\nJr", points: [2, 3]),
            record("=HYPERLINK(\"x\")", points: nil, status: "not graded: cannot read it, sorry"),
        ]).csv
        XCTAssertEqual(csv, "student,lesson,a,b,total,possible,status\r\n"
            + "\"'=HYPERLINK(\"\"x\"\")\",02-pooling,,,,5,\"not graded: cannot read it, sorry\"\r\n"
            + "\"Smith, \"\"Al\"\"\nJr\",02-pooling,2,3,5,5,graded\r\n"
            + "zoë,02-pooling,2,0,2,5,graded\r\n")
    }

    func testTwoLessonsShareTheHeaderAndLeaveTheOtherLessonsCellsEmpty() {
        let csv = Gradebook(records: [record("bo", lesson: "03-x", points: [0, 3]), record("bo", points: [2, 3])]).csv
        let lines = csv.components(separatedBy: "\r\n")
        XCTAssertEqual(lines[0], "student,lesson,02-pooling/a,02-pooling/b,03-x/a,03-x/b,total,possible,status")
        XCTAssertEqual(lines[1], "bo,02-pooling,2,3,,,5,5,graded")
        XCTAssertEqual(lines[2], "bo,03-x,,,0,3,3,5,graded")
    }

    func testShardsSplitAClassIntoDisjointSharesThatCoverIt() throws {
        let students = (0..<200).map { "student-\($0)" }
        var owners: [String: Int] = [:]
        for index in 1...3 {
            let shard = try ClassShard("\(index)/3")
            for student in students where shard.contains(student: student) {
                XCTAssertNil(owners[student], "\(student) in two shards")
                owners[student] = index
            }
        }
        XCTAssertEqual(owners.count, students.count)
        XCTAssertTrue((1...3).allSatisfy { index in owners.values.filter { $0 == index }.count > 40 }, "\(owners)")
        XCTAssertEqual(try ClassShard("1/1").contains(student: "anyone"), true)
        for bad in ["0/3", "4/3", "1/0", "2", "a/b", "1/3/4", "-1/3"] {
            XCTAssertThrowsError(try ClassShard(bad), bad) { error in
                XCTAssertEqual(error as? ClassGradingError, .badShard(bad))
            }
        }
    }

    func testAClassFolderHasAFolderOrAFilePerStudent() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-roster-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["bob/02-pooling.exercises.md", "bob/notes.txt", "ann/week2/03-shallow.exercises.md",
                     "carl.exercises.md", ".hidden/02-pooling.exercises.md", "readme.md"] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let found = try ClassSubmission.find([folder.path], lesson: nil)
        XCTAssertEqual(found.map(\.student), ["ann", "bob", "carl"])
        XCTAssertEqual(found.map(\.lessonName), ["03-shallow", "02-pooling", nil])
        XCTAssertEqual(found.map(\.displayPath), ["ann/week2/03-shallow.exercises.md", "bob/02-pooling.exercises.md",
                                                  "carl/carl.exercises.md"])
        XCTAssertEqual(try ClassSubmission.find([folder.path], lesson: "02").map(\.lessonName), ["02", "02", "02"])
        let one = try ClassSubmission.find([folder.appendingPathComponent("bob/02-pooling.exercises.md").path], lesson: nil)
        XCTAssertEqual(one.map(\.student), ["bob"])
        XCTAssertThrowsError(try ClassSubmission.find([folder.path, folder.appendingPathComponent("bob").path + "/02-pooling.exercises.md"],
                                                      lesson: nil))
        XCTAssertThrowsError(try ClassSubmission.find([folder.path + "/nobody"], lesson: nil)) { error in
            XCTAssertEqual(error as? ClassGradingError, .noSuchPath(folder.path + "/nobody"))
        }
    }

    func testGradescopeResultsGivePointsPerExerciseAndHideHiddenChecksUntilPublished() throws {
        let report = GradeReport(lesson: "lessons/02-pooling.md", submission: "02-pooling.exercises.md", exercises: [
            ExerciseReport(id: "a", pointsPossible: 2, checks: [
                CheckVerdict(number: 1, hidden: false, passed: true, message: "passed", location: "lessons/02-pooling.md:9"),
                CheckVerdict(number: 2, hidden: true, passed: true, message: "passed")]),
            ExerciseReport(id: "b", pointsPossible: 3, checks: [
                CheckVerdict(number: 1, hidden: false, passed: false, message: "expected 13, got 6"),
                CheckVerdict(number: 2, hidden: true, passed: false, message: "failed (the details of hidden checks are not shown)")]),
        ])
        let json = try JSONSerialization.jsonObject(with: try GradescopeResults(report: report).encoded()) as! [String: Any]
        XCTAssertEqual(json["score"] as? Double, 2)
        let tests = try XCTUnwrap(json["tests"] as? [[String: Any]])
        XCTAssertEqual(tests.map { $0["name"] as? String }, ["a (2 points)", "a: check 1", "a: hidden check 2",
                                                              "b (3 points)", "b: check 1", "b: hidden check 2"])
        XCTAssertEqual(tests.map { $0["score"] as? Double }, [2, 0, 0, 0, 0, 0])
        XCTAssertEqual(tests.map { $0["max_score"] as? Double }, [2, 0, 0, 3, 0, 0])
        XCTAssertEqual(tests.map { $0["visibility"] as? String },
                       ["visible", "visible", "after_published", "visible", "visible", "after_published"])
        XCTAssertEqual(tests.map { $0["status"] as? String }, ["passed", "passed", "passed", "failed", "failed", "failed"])
        XCTAssertEqual(tests[4]["output"] as? String, "expected 13, got 6")
        XCTAssertEqual(tests[5]["output"] as? String, "failed")
        XCTAssertEqual(tests[1]["output"] as? String, "passed (lessons/02-pooling.md:9)")
    }
}
