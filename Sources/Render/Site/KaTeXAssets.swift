import Foundation

/// KaTeX's stylesheet, script and fonts, read from Debian's `libjs-katex` / `fonts-katex` so that the site typesets
/// math without a request leaving the page.
///
///     let files = try KaTeXAssets(directory: "/usr/share/javascript/katex").files()   // ["katex.min.css": …, "fonts/KaTeX_Main-Regular.woff2": …]
struct KaTeXAssets {
    let directory: URL

    init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory)
        for required in ["katex.min.css", "katex.min.js", "fonts"] {
            let path = self.directory.appendingPathComponent(required).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw SiteError.missingAssets("KaTeX file \(path) not found")
            }
        }
    }

    /// Relative path → bytes, following the package's symbolic links.
    func files() throws -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        for name in ["katex.min.css", "katex.min.js"] {
            result.append((name, try read(directory.appendingPathComponent(name))))
        }
        let fonts = directory.appendingPathComponent("fonts").resolvingSymlinksInPath()
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: fonts.path)) ?? [])
            .filter { $0.hasSuffix(".woff2") || $0.hasSuffix(".woff") || $0.hasSuffix(".ttf") }.sorted()
        guard !names.isEmpty else { throw SiteError.missingAssets("no KaTeX fonts in \(fonts.path)") }
        for name in names { result.append(("fonts/" + name, try read(fonts.appendingPathComponent(name)))) }
        return result
    }

    private func read(_ url: URL) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.resolvingSymlinksInPath().path) else {
            throw SiteError.missingAssets("cannot read \(url.path)")
        }
        return [UInt8](data)
    }
}
