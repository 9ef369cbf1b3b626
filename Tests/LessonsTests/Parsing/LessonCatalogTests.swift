import Foundation
import Lessons
import XCTest

final class LessonCatalogTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("catalog-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["03-shallow-network.md", "01-convolution.md", "README.md", "notes.txt"] {
            try Data("---\ntitle: \(name)\n---\n".utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testListsMarkdownLessonsInOrderWithoutTheReadme() throws {
        let catalog = try LessonCatalog(folder: folder)
        XCTAssertEqual(catalog.names, ["01-convolution", "03-shallow-network"])
    }

    func testFindsALessonByNumberNameOrSlug() throws {
        let catalog = try LessonCatalog(folder: folder)
        for name in ["03", "3", "03-shallow-network", "shallow-network", "03-shallow-network.md"] {
            XCTAssertEqual(try catalog.find(name).lastPathComponent, "03-shallow-network.md", name)
        }
    }

    func testUnknownLessonErrorListsTheLessonsOnOneLine() throws {
        let catalog = try LessonCatalog(folder: folder)
        XCTAssertThrowsError(try catalog.find("7")) { error in
            XCTAssertEqual("\(error)", "no lesson '7'; the lessons are: 01-convolution, 03-shallow-network")
        }
    }

    func testMissingFolderIsAnError() {
        XCTAssertThrowsError(try LessonCatalog(folder: folder.appendingPathComponent("nope"))) { error in
            XCTAssertTrue("\(error)".hasPrefix("no lessons folder at"), "\(error)")
        }
    }
}

extension LessonCatalogTests {
    func testLoadedLessonsAreNamedRelativeToTheCourseFolder() throws {
        let catalog = try LessonCatalog(folder: folder)
        let lesson = try catalog.load(try catalog.find("1"))
        XCTAssertEqual(lesson.displayPath, folder.lastPathComponent + "/01-convolution.md")
        XCTAssertEqual(try catalog.files.map { try catalog.load($0).displayPath },
                       ["01-convolution.md", "03-shallow-network.md"].map { folder.lastPathComponent + "/" + $0 })
    }
}

/// Every lesson has one number and one place; workbooks are never lessons.
extension LessonCatalogTests {
    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    func testWorkbooksInTheFolderAreNotLessons() throws {
        try write("01-convolution.exercises.md", "---\ntitle: Workbook\n---\n```swift exercise id=a points=1\n```\n")
        let catalog = try LessonCatalog(folder: folder)
        XCTAssertEqual(catalog.names, ["01-convolution", "03-shallow-network"])
        XCTAssertEqual(try catalog.find("1").lastPathComponent, "01-convolution.md")
        XCTAssertEqual(catalog.files.map(\.lastPathComponent), ["01-convolution.md", "03-shallow-network.md"])
    }

    func testTwoFilesWithTheSameNumberAreAnErrorNamingBoth() throws {
        try write("3-deep-network.md", "---\ntitle: Deep\n---\n")
        let catalog = try LessonCatalog(folder: folder)
        let both = "\(folder.lastPathComponent)/03-shallow-network.md and \(folder.lastPathComponent)/3-deep-network.md"
        XCTAssertThrowsError(try catalog.find("3")) { error in
            XCTAssertTrue("\(error)".hasPrefix(both + " have the same number 3"), "\(error)")
        }
        // Named in full, each file is found — and refused when loaded, naming both.
        let url = try catalog.find("03-shallow-network")
        XCTAssertThrowsError(try catalog.load(url)) { error in
            XCTAssertEqual("\(error)", both + " have the same number 3 in their names: give each lesson its own number")
        }
        let files = catalog.files
        XCTAssertEqual(files.map(\.lastPathComponent), ["01-convolution.md", "03-shallow-network.md", "3-deep-network.md"])
        XCTAssertNoThrow(try catalog.load(files[0]))
        for url in files.dropFirst() {
            XCTAssertThrowsError(try catalog.load(url)) { XCTAssertTrue("\($0)".hasPrefix(both), "\($0)") }
        }
    }

    func testTwoLessonsWithTheSameOrderAreAnErrorNamingBoth() throws {
        try write("07-pooling.md", "---\ntitle: Pooling\norder: 1\n---\n")
        let catalog = try LessonCatalog(folder: folder)
        let pair = "\(folder.lastPathComponent)/01-convolution.md and \(folder.lastPathComponent)/07-pooling.md"
        for name in ["1", "7"] {
            XCTAssertThrowsError(try catalog.load(catalog.find(name))) { error in
                XCTAssertTrue("\(error)".hasPrefix(pair + " have the same order 1"), "\(error)")
            }
        }
        XCTAssertNoThrow(try catalog.load(catalog.find("3")))
    }

    func testABrokenLessonDoesNotStopTheOthersFromLoading() throws {
        try write("05-broken.md", "no front matter here\n")
        let catalog = try LessonCatalog(folder: folder)
        XCTAssertEqual(try catalog.load(catalog.find("3")).title, "03-shallow-network.md")
        XCTAssertThrowsError(try catalog.load(catalog.find("5")))
    }
}
