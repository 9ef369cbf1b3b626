import Foundation
import Preview
import XCTest

/// Request paths map to files of the site and nothing else.
final class SiteFilesTests: XCTestCase {
    private var fixture: SiteFolderFixture!
    private var files: SiteFiles!

    override func setUpWithError() throws {
        fixture = try SiteFolderFixture()
        files = try SiteFiles(root: fixture.site)
    }

    override func tearDown() { fixture?.remove() }

    private func name(_ path: String) -> String? {
        files.file(for: path).map { String($0.path.dropFirst(files.root.path.count)) }
    }

    func testPagesImagesAndTheIndexOfTheRootAreFound() {
        XCTAssertEqual(name("/02-pooling.html"), "/02-pooling.html")
        XCTAssertEqual(name("/images/a.png"), "/images/a.png")
        XCTAssertEqual(name("/"), "/index.html")
        XCTAssertEqual(name("/02%2Dpooling.html"), "/02-pooling.html", "percent-encoding of a harmless character")
    }

    func testDotDotInAnySpellingIsRefused() {
        for path in ["/../secret.txt", "/images/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                     "/images/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/images%2f..%2f..%2fsecret.txt",
                     "/%252e%252e/secret.txt", "/./index.html", "//etc/passwd", "/images/..", "/..\\secret.txt"] {
            XCTAssertNil(files.file(for: path), path)
        }
    }

    func testSymbolicLinksOutOfTheSiteAreRefusedAndLinksInsideItWork() {
        XCTAssertNil(files.file(for: "/leak.txt"), "a link to a file outside")
        XCTAssertNil(files.file(for: "/images/out/inner.txt"), "a file inside a linked folder outside")
        XCTAssertEqual(name("/alias.html"), "/index.html", "a link to a page of the site")
    }

    func testFoldersDotFilesAndMissingFilesAreNotServed() {
        XCTAssertNil(files.file(for: "/images"), "a folder is never listed")
        XCTAssertNil(files.file(for: "/images/"), "a folder without index.html")
        XCTAssertNil(files.file(for: "/.course-manifest"))
        XCTAssertNil(files.file(for: "/missing.html"))
        XCTAssertNil(files.file(for: "/bad%zzencoding"))
        XCTAssertNil(files.file(for: "/index.html%00.png"))
        XCTAssertNil(files.file(for: "index.html"), "a target must start with /")
    }
}
