import Foundation
import Lessons
import XCTest

/// `course grade --out DIR` writes only into a folder that is new, empty, or one it wrote before: an instructor's
/// own `gradebook.csv` (or anything else) is never overwritten without asking.
final class GradesFolderTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-grades-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: base) }

    func testANewAnEmptyOrAnEarlierGradesFolderIsUsedAndAnyOtherIsRefusedUntouched() throws {
        XCTAssertNoThrow(try ClassOutput(folder: base.appendingPathComponent("new")).checkOwned())
        let empty = base.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertNoThrow(try ClassOutput(folder: empty).checkOwned())
        let earlier = ClassOutput(folder: base.appendingPathComponent("earlier"))
        try earlier.writeGradebook([])
        XCTAssertNoThrow(try earlier.checkOwned())

        let mine = base.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("my own marks\n".utf8).write(to: mine.appendingPathComponent("gradebook.csv"))
        XCTAssertThrowsError(try ClassOutput(folder: mine).checkOwned()) { error in
            XCTAssertEqual(error as? ClassGradingError, .notAGradesFolder(path: mine.path, files: ["gradebook.csv"]))
            XCTAssertEqual("\(error)", "\(mine.path) already holds files that `course grade` did not write "
                           + "(gradebook.csv); nothing was written: name a new or empty folder with --out")
        }
        XCTAssertEqual(try String(contentsOf: mine.appendingPathComponent("gradebook.csv"), encoding: .utf8), "my own marks\n")

        let documents = base.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: documents.appendingPathComponent("thesis.tex"))
        XCTAssertThrowsError(try ClassOutput(folder: documents).checkOwned()) { error in
            XCTAssertEqual(error as? ClassGradingError, .notAGradesFolder(path: documents.path, files: ["thesis.tex"]))
        }
    }
}
