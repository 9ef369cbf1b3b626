import Foundation
import Preview
import XCTest

/// Saves in a watched folder are reported the way editors make them; scratch files are not.
final class FolderWatcherTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    /// The next batch the watcher reports, as names relative to the folder; fails if none comes within 5 s.
    private func nextBatch(_ watcher: FolderWatcher, after change: () throws -> Void) throws -> [String] {
        nonisolated(unsafe) var batch: Set<URL>?
        let done = expectation(description: "a batch")
        Thread { batch = watcher.next(); done.fulfill() }.start()
        usleep(50_000)
        try change()
        wait(for: [done], timeout: 5)
        let prefix = folder.standardizedFileURL.path + "/"
        return (batch ?? []).map { String($0.standardizedFileURL.path.dropFirst(prefix.count)) }.sorted()
    }

    func testAWriteInPlaceAndAnAtomicRenameAreEachOneSave() throws {
        let watcher = try FolderWatcher(folder: folder)
        let lesson = folder.appendingPathComponent("02-pooling.md")
        XCTAssertEqual(try nextBatch(watcher) { try Data("one".utf8).write(to: lesson) }, ["02-pooling.md"])
        // Data.write(.atomic) writes a temporary file and renames it into place, as editors do.
        XCTAssertEqual(try nextBatch(watcher) { try Data("two".utf8).write(to: lesson, options: .atomic) }, ["02-pooling.md"])
    }

    func testScratchFilesAreIgnoredAndSubfoldersAreWatched() throws {
        let watcher = try FolderWatcher(folder: folder)
        let batch = try nextBatch(watcher) {
            try Data("x".utf8).write(to: folder.appendingPathComponent(".02-pooling.md.swp"))
            try Data("x".utf8).write(to: folder.appendingPathComponent("02-pooling.md~"))
            try Data("x".utf8).write(to: folder.appendingPathComponent("4913"))
            try Data("1,2".utf8).write(to: folder.appendingPathComponent("data/points.csv"))
        }
        XCTAssertEqual(batch, ["data/points.csv"])
    }

    func testAFolderMadeAfterTheStartIsWatchedToo() throws {
        let watcher = try FolderWatcher(folder: folder)
        let fresh = folder.appendingPathComponent("pictures")
        XCTAssertEqual(try nextBatch(watcher) {
            try FileManager.default.createDirectory(at: fresh, withIntermediateDirectories: true)
            usleep(20_000)
            try Data("p".utf8).write(to: fresh.appendingPathComponent("a.txt"))
        }, ["pictures/a.txt"])
    }

    func testCloseEndsAWaitingNext() throws {
        let watcher = try FolderWatcher(folder: folder)
        nonisolated(unsafe) var result: Set<URL>? = [URL(fileURLWithPath: "/")]
        let done = expectation(description: "next returned")
        Thread { result = watcher.next(); done.fulfill() }.start()
        usleep(50_000)
        watcher.close()
        wait(for: [done], timeout: 2)
        XCTAssertNil(result)
    }
}
