import Foundation
import Lessons
import XCTest

/// What is handed in must be a workbook of the student's own: links, pipes, folders and huge files are refused
/// with a sentence, by the one reader `course check`, `course grade` and the autograder share. (Found by grading
/// a hand-made hostile class folder: a link to bob's workbook got bob's points, a link to /etc/shadow was read as
/// root, a named pipe gave a wrong "permission" message, and 300 MB were read into memory.)
final class WorkbookFileTests: XCTestCase {
    private var folder: URL!
    private let exercises: [Exercise] = []

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-handed-in-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func reason(_ url: URL) -> String? {
        do {
            _ = try Submission(workbook: url, displayPath: url.lastPathComponent, exercises: exercises)
            return nil
        } catch GradingError.unreadableSubmission(_, let reason) {
            return reason
        } catch {
            return "unexpected \(error)"
        }
    }

    func testAPlainWorkbookIsReadAndLinksPipesFoldersAndHugeFilesAreRefusedWithAReason() throws {
        let plain = folder.appendingPathComponent("plain.exercises.md")
        try Data("```swift exercise id=x points=1\nlet x = 1\n```\n".utf8).write(to: plain)
        XCTAssertNil(reason(plain))

        let link = folder.appendingPathComponent("link.exercises.md")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: plain)
        XCTAssertEqual(reason(link), "it is a symbolic link (to \(plain.path)): a workbook must be a file of the student's own")

        let pipe = folder.appendingPathComponent("pipe.exercises.md")
        XCTAssertEqual(mkfifo(pipe.path, 0o644), 0)
        XCTAssertEqual(reason(pipe), "it is a named pipe, not a workbook file")   // and it returns: no reader blocks

        let sub = folder.appendingPathComponent("sub.exercises.md")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        XCTAssertEqual(reason(sub), "it is a folder, not a workbook file")

        let huge = folder.appendingPathComponent("huge.exercises.md")
        XCTAssertTrue(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 300_000_000)
        try handle.close()
        XCTAssertEqual(reason(huge), "it is 300.0 MB; a workbook may be at most 1024 KiB (one from `course exercises` "
                       + "is a few kilobytes)")

        let binary = folder.appendingPathComponent("binary.exercises.md")
        try Data([0xff, 0xfe, 0x00, 0x80]).write(to: binary)
        XCTAssertEqual(reason(binary), "it is not UTF-8 text")
    }

    func testAStudentFolderThatIsALinkToAnotherStudentsGetsARowThatSaysSo() throws {
        let bob = folder.appendingPathComponent("class/bob")
        try FileManager.default.createDirectory(at: bob, withIntermediateDirectories: true)
        try Data("bob's answers\n".utf8).write(to: bob.appendingPathComponent("02-pooling.exercises.md"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("class/mallory"), withDestinationURL: bob)
        let found = try ClassSubmission.find([folder.appendingPathComponent("class").path], lesson: nil)
        XCTAssertEqual(found.map(\.student), ["bob", "mallory"])
        let mallory = try XCTUnwrap(found.last)
        XCTAssertEqual(mallory.displayPath, "mallory/02-pooling.exercises.md")
        XCTAssertEqual(mallory.lessonName, "02-pooling")
        XCTAssertEqual(reason(mallory.url), "it is a symbolic link (to \(bob.path)): a workbook must be a file of the student's own")
        XCTAssertNil(reason(found[0].url))
    }
}
