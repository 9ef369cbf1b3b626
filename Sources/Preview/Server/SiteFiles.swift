import Foundation

/// Which file of the site folder a request path names — or none. The only way the server reaches the disk.
///
///     let files = try SiteFiles(root: site)
///     files.file(for: "/02-pooling.html")        // <site>/02-pooling.html
///     files.file(for: "/%2e%2e/Package.swift")   // nil: outside the site
///
/// Refused (nil, a 404): a path that is not valid percent-encoding, holds `..` or `.` or an empty segment after
/// decoding (so `%2e%2e` and `%2F` tricks are the same as the plain ones), a NUL or backslash, a segment starting
/// with a dot (`.course-manifest`, `.git`), a folder (no listings: `/` and `/images/` serve `index.html` only
/// where one exists), and any file whose real path — symbolic links resolved — lies outside the real site folder.
public struct SiteFiles: Sendable {
    /// The site folder, symbolic links resolved.
    public let root: URL

    public init(root: URL) throws {
        let real = root.resolvingSymlinksInPath().standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        self.root = real
    }

    /// The file for the raw (still percent-encoded) path of a request, or nil.
    public func file(for rawPath: String) -> URL? {
        guard let decoded = rawPath.removingPercentEncoding, decoded.hasPrefix("/"),
              !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        if segments.last == "" { segments[segments.count - 1] = "index.html" }   // "/" and "/x/" → their index
        guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }) else { return nil }
        let candidate = segments.reduce(root) { $0.appendingPathComponent($1) }
        // Symbolic links anywhere on the way are resolved; the result must still be inside the site.
        guard let real = Self.realPath(candidate.path) else { return nil }
        guard real.hasPrefix(root.path + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return URL(fileURLWithPath: real)
    }

    /// realpath(3): the path with every symbolic link, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The Content-Type of a site file, by its extension.
    public static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
