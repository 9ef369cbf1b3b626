import Foundation
import Lessons
import XCTest

/// `course data …` as a user runs it, against dataset caches in temporary folders (`COURSE_DATA_DIR`); the real
/// cache is never touched. Fetches run offline: every proxy points at a closed port and pip may not use an index,
/// so each source fails at once, as on a machine without network.
final class DataCommandTests: XCTestCase {
    private var fixture: RunnerFixture!
    private var course: CourseProcess!

    override func setUpWithError() throws {
        fixture = try RunnerFixture()
        course = try CourseProcess(fixture: fixture)
    }

    override func tearDown() { fixture?.remove() }

    private func data(_ arguments: [String], cache: URL, offline: Bool = false) throws -> CourseProcess.Outcome {
        var environment = ["COURSE_DATA_DIR": cache.path]
        if offline {
            for name in ["http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"] {
                environment[name] = "http://127.0.0.1:9"
            }
            environment["no_proxy"] = ""
            environment["NO_PROXY"] = ""
            environment["PIP_NO_INDEX"] = "1"
            environment["PIP_CONFIG_FILE"] = "/dev/null"   // no find-links from the machine's pip.conf either
        }
        return try course.run(["data"] + arguments, in: fixture.root, environment: environment)
    }

    /// MNIST's four files at their published sizes, all zeros (sparse): the right size, the wrong bytes.
    private func zeroFilledMNIST(in cache: URL) throws -> URL {
        let folder = cache.appendingPathComponent("mnist")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The sizes published with MNIST (yann.lecun.com/exdb/mnist), uncompressed.
        let sizes = ["train-images-idx3-ubyte": 47_040_016, "train-labels-idx1-ubyte": 60_008,
                     "t10k-images-idx3-ubyte": 7_840_016, "t10k-labels-idx1-ubyte": 10_008]
        for (name, bytes) in sizes {
            let url = folder.appendingPathComponent(name)
            XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(bytes))
            try handle.close()
        }
        return folder
    }

    func testFetchDoesNotSayReadyWhenFilesOfTheRightSizeFailTheirMD5() throws {
        let cache = try CourseProcess.scratchFolder(self)
        let folder = try zeroFilledMNIST(in: cache)
        let outcome = try data(["fetch", "mnist"], cache: cache, offline: true)
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertFalse(outcome.stdout.contains("ready"), outcome.both)
        XCTAssertTrue(outcome.stderr.hasPrefix("course: could not get MNIST; tried:"), outcome.both)
        // The damaged files are not called verified either.
        let list = try data(["list"], cache: cache)
        XCTAssertTrue(list.stdout.contains("mnist           incomplete (course data fetch mnist)"), list.both)
        XCTAssertTrue(list.stdout.contains("train-images-idx3-ubyte   damaged: md5 "), list.both)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("t10k-labels-idx1-ubyte").path))
    }

    func testALessonThatLoadsADamagedMNISTShowsWhatIsWrongAndTheFixInPlace() throws {
        let cache = try CourseProcess.scratchFolder(self)
        let images = try zeroFilledMNIST(in: cache).appendingPathComponent("t10k-images-idx3-ubyte")
        let md5 = try XCTUnwrap(Self.output("/usr/bin/md5sum", [images.path]).split(separator: " ").first)
        try fixture.lesson("```swift\nlet test = try MNIST.load(split: .test)\nprint(test.count)\n```\n", name: "01-data.md")
        let outcome = try course.run(["run", "01"], in: fixture.root.appendingPathComponent("lessons"),
                                     environment: ["COURSE_DATA_DIR": cache.path])
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertTrue(outcome.stdout.contains("\(images.path): damaged — its MD5 is \(md5), the published file's is "
            + "2646ac647ad5339dbf082846283269ea (changed, or not the original); `course data fetch mnist` replaces it"),
            outcome.both)
        XCTAssertFalse(outcome.stderr.contains("fetching"), outcome.both)
    }

    private static func output(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testListTellsAMissingCacheFolderFromAFile() throws {
        let scratch = try CourseProcess.scratchFolder(self)
        let missing = try data(["list"], cache: scratch.appendingPathComponent("not-yet"))
        XCTAssertEqual(missing.status, 0, missing.both)
        XCTAssertTrue(missing.stdout.contains("the folder does not exist yet"), missing.both)
        XCTAssertTrue(missing.stdout.contains("mnist           not fetched (course data fetch mnist)"), missing.both)

        let file = scratch.appendingPathComponent("datasets.txt")
        try Data("oops".utf8).write(to: file)
        for cache in [file, file.appendingPathComponent("inside")] {
            let outcome = try data(["list"], cache: cache)
            XCTAssertEqual(outcome.status, 1, outcome.both)
            XCTAssertTrue(outcome.stderr.contains("\(file.path)") && outcome.stderr.contains("is a file, not a folder"),
                          outcome.both)
            XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.both)
        }
    }

    func testListSaysWhenADatasetFolderIsAFile() throws {
        let cache = try CourseProcess.scratchFolder(self)
        try Data("oops".utf8).write(to: cache.appendingPathComponent("mnist"))
        let outcome = try data(["list"], cache: cache)
        XCTAssertEqual(outcome.status, 0, outcome.both)
        XCTAssertTrue(outcome.stdout.contains("\(cache.path)/mnist is a file, not a folder"), outcome.both)
        XCTAssertTrue(outcome.stdout.contains("fashion-mnist   not fetched"), outcome.both)
    }

    func testExportToAPathThatCannotBeAFolderNamesThePathAndWhy() throws {
        let scratch = try CourseProcess.scratchFolder(self)
        let file = scratch.appendingPathComponent("images")
        try Data("a file".utf8).write(to: file)
        // Refused before any data is read: the cache here is empty and never fetched.
        let outcome = try data(["export", "mnist", "--images", file.appendingPathComponent("out").path],
                               cache: scratch.appendingPathComponent("cache"), offline: true)
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertEqual(outcome.stderr, "course: \(file.path): cannot be written (it is a file, not a folder)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("cache").path))
    }

    func testExportIntoAReadOnlyFolderSaysSo() throws {
        let scratch = try CourseProcess.scratchFolder(self)
        let target = scratch.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let cache = scratch.appendingPathComponent("cache")
        let arguments = ["data", "export", "mnist", "--images", target.path]
        let outcome: CourseProcess.Outcome, reason: String
        if geteuid() == 0 {
            // Root ignores permissions: a read-only bind mount, in a mount namespace of the command's own.
            guard Self.canMakeReadOnlyMount() else { throw XCTSkip("no mount namespaces here (unshare --mount failed)") }
            outcome = try course.run(arguments, in: fixture.root, environment: ["COURSE_DATA_DIR": cache.path],
                                     through: ["/usr/bin/unshare", "--mount", "/bin/sh", "-c",
                                               "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", target.path])
            reason = "Read-only file system"
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: target.path)
            outcome = try course.run(arguments, in: fixture.root, environment: ["COURSE_DATA_DIR": cache.path])
            reason = "Permission denied"
        }
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertEqual(outcome.stderr, "course: \(target.path)/train: cannot be written (cannot create the folder: \(reason))\n")
    }

    func testExportRefusesAFolderWithOldImagesUnlessForced() throws {
        let scratch = try CourseProcess.scratchFolder(self)
        let target = scratch.appendingPathComponent("mnist_images")
        let old = target.appendingPathComponent("test/7/00000.png")
        try FileManager.default.createDirectory(at: old.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("an old export".utf8).write(to: old)
        // Refused before any data is read: the cache here is empty and never fetched.
        let cache = scratch.appendingPathComponent("cache")
        let refused = try data(["export", "mnist", "--images", target.path, "--split", "test", "--limit", "3"],
                               cache: cache, offline: true)
        XCTAssertEqual(refused.status, 1, refused.both)
        XCTAssertEqual(refused.stderr, "course: \(target.path)/test already holds 1 PNG file (\(old.path)); writing there "
            + "would overwrite them or mix old images with new ones — choose an empty folder, or add --force to replace them\n")
        XCTAssertEqual(try Data(contentsOf: old), Data("an old export".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path))

        // --force writes, from the machine's real MNIST cache (read only).
        let environment = ProcessInfo.processInfo.environment
        let home = environment["COURSE_DATA_DIR"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["XDG_CACHE_HOME"] ?? NSHomeDirectory() + "/.cache")
                .appendingPathComponent("course/datasets")
        let testImages = home.appendingPathComponent("mnist/t10k-images-idx3-ubyte")
        guard ["", ".gz"].contains(where: { FileManager.default.fileExists(atPath: testImages.path + $0) }) else {
            throw XCTSkip("MNIST is not fetched into \(home.path)")
        }
        let forced = try course.run(["data", "export", "mnist", "--images", target.path, "--split", "test",
                                     "--limit", "3", "--force"], in: fixture.root)
        XCTAssertEqual(forced.status, 0, forced.both)
        // The first test digit is a 7: its PNG replaced the old bytes.
        XCTAssertEqual(Array(try Data(contentsOf: old).prefix(8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    }

    private static func canMakeReadOnlyMount() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--mount", "/bin/sh", "-c", "mount --bind -o ro / /"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
