import Foundation

/// A site folder with a page, an image folder, a dot file, and — beside it, outside the site — a secret file and
/// a secret folder that symbolic links inside the site point to.
struct SiteFolderFixture {
    let base: URL
    var site: URL { base.appendingPathComponent("site") }
    var secret: URL { base.appendingPathComponent("secret.txt") }
    static let page = "<!doctype html>\n<html><body><p>hello page</p>\n</body></html>\n"

    init() throws {
        let fm = FileManager.default
        base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-preview-\(UUID().uuidString)")
        try fm.createDirectory(at: base.appendingPathComponent("site/images"), withIntermediateDirectories: true)
        try fm.createDirectory(at: base.appendingPathComponent("private"), withIntermediateDirectories: true)
        try Data("TOP SECRET\n".utf8).write(to: secret)
        try Data("PRIVATE FOLDER FILE\n".utf8).write(to: base.appendingPathComponent("private/inner.txt"))
        try Data(Self.page.utf8).write(to: site.appendingPathComponent("index.html"))
        try Data(Self.page.utf8).write(to: site.appendingPathComponent("02-pooling.html"))
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: site.appendingPathComponent("images/a.png"))
        try Data("images/a.png\n".utf8).write(to: site.appendingPathComponent(".course-manifest"))
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path, withDestinationPath: secret.path)
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("images/out").path,
                                  withDestinationPath: base.appendingPathComponent("private").path)
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("alias.html").path, withDestinationPath: "index.html")
    }

    func remove() { try? FileManager.default.removeItem(at: base) }
}
