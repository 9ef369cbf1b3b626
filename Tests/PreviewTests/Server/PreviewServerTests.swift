import Foundation
import Preview
import XCTest

/// The real server on a free loopback port, spoken to byte for byte: only the site's files, pages with the
/// live-reload script added on the wire but never on disk, refusals as 404.
final class PreviewServerTests: XCTestCase {
    private var fixture: SiteFolderFixture!
    private var server: PreviewServer!
    private var port: UInt16 = 0

    override func setUp() async throws {
        fixture = try SiteFolderFixture()
        server = try PreviewServer(site: fixture.site, address: ServeAddress(port: 0))
        let url = try await server.start()
        port = try XCTUnwrap(URLComponents(string: url)?.port.map(UInt16.init))
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), url)
    }

    override func tearDown() async throws {
        await server?.stop()
        fixture?.remove()
    }

    private func get(_ target: String, method: String = "GET") throws -> RawHTTP.Response {
        try RawHTTP.request(port: port, target, method: method)
    }

    func testAPageIsServedWithTheReloadScriptWhichTheFileOnDiskDoesNotHold() throws {
        let response = try get("/02-pooling.html")
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(response.head.lowercased().contains("content-type: text/html"), response.head)
        XCTAssertTrue(response.text.contains("<p>hello page</p>"))
        XCTAssertTrue(response.text.contains("<script src=\"/__course/live.js\"></script>\n</body>"), response.text)
        let onDisk = try String(contentsOf: fixture.site.appendingPathComponent("02-pooling.html"), encoding: .utf8)
        XCTAssertEqual(onDisk, SiteFolderFixture.page)
        let script = try get("/__course/live.js")
        XCTAssertEqual(script.status, 200)
        XCTAssertTrue(script.text.contains("new WebSocket("))
    }

    func testAnImageKeepsItsBytes() throws {
        let response = try get("/images/a.png")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual([UInt8](response.body), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertTrue(response.head.lowercased().contains("content-type: image/png"))
    }

    func testTraversalEncodedTraversalAndSymlinkEscapesAre404WithoutTheSecret() throws {
        for target in ["/../secret.txt", "/images/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                       "/images/%2e%2e/%2e%2e/secret.txt", "/leak.txt", "/images/out/inner.txt",
                       "/..%2f..%2f..%2fetc%2fpasswd"] {
            let response = try get(target)
            XCTAssertEqual(response.status, 404, target)
            XCTAssertFalse(response.text.contains("SECRET") || response.text.contains("PRIVATE"), target)
            XCTAssertFalse(response.text.contains("root:"), target)
        }
    }

    func testMissingFilesFoldersAndDotFilesAre404AndNothingIsListed() throws {
        for target in ["/nothing.html", "/images", "/images/", "/.course-manifest", "/assets/"] {
            let response = try get(target)
            XCTAssertEqual(response.status, 404, target)
            XCTAssertFalse(response.text.contains("a.png"), "no listing of \(target)")
        }
    }

    func testOnlyGetAndHeadAreAnswered() throws {
        XCTAssertEqual(try get("/index.html", method: "POST").status, 405)
        XCTAssertEqual(try get("/index.html", method: "DELETE").status, 405)
        let head = try get("/index.html", method: "HEAD")
        XCTAssertEqual(head.status, 200)
    }

    func testOnlyLoopbackIsAllowedWithoutTheFlag() throws {
        XCTAssertThrowsError(try ServeAddress(host: "0.0.0.0")) { error in
            XCTAssertEqual(error as? ServeAddressError, .notLoopback("0.0.0.0"))
            XCTAssertTrue("\(error)".contains("--allow-network"))
        }
        XCTAssertThrowsError(try ServeAddress(host: "192.168.1.5"))
        XCTAssertThrowsError(try ServeAddress(host: "::"))
        XCTAssertThrowsError(try ServeAddress(host: "localhost.example")) { error in
            XCTAssertEqual(error as? ServeAddressError, .notAnAddress("localhost.example"))
        }
        XCTAssertNoThrow(try ServeAddress(host: "127.0.0.1"))
        XCTAssertNoThrow(try ServeAddress(host: "::1"))
        XCTAssertEqual(try ServeAddress(host: "0.0.0.0", allowNetwork: true).host, "0.0.0.0")
    }

    func testTheServerListensOnLoopbackOnly() throws {
        // Another address of this machine (if it has one) does not reach the server.
        guard let other = Self.nonLoopbackAddress() else { throw XCTSkip("this machine has no non-loopback IPv4 address") }
        XCTAssertThrowsError(try RawHTTP.request(port: port, "/index.html", host: other), "reached on \(other)")
    }

    private static func nonLoopbackAddress() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry {
            if let address = current.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) {
                var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
                address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                    var sin = v4.pointee.sin_addr
                    _ = inet_ntop(AF_INET, &sin, &text, socklen_t(INET_ADDRSTRLEN))
                }
                let name = String(cString: text)
                if !name.hasPrefix("127.") { return name }
            }
            entry = current.pointee.ifa_next
        }
        return nil
    }
}
