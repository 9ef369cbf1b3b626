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
        XCTAssertEqual(catalog.loadAll().count, 2)
    }
}
