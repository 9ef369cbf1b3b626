/// Why a site could not be built; each message says what to do.
///
///     do { try builder.build(pages: pages) } catch let error as SiteError { print(error.description) }
public enum SiteError: Error, Equatable, CustomStringConvertible {
    /// A page slug that is not a plain file name.
    case invalidSlug(String)
    /// Two pages with the same slug.
    case duplicateSlug(String)
    /// An image key that is not a plain file name.
    case invalidImageName(String)
    /// The output folder has files and is not a site this builder wrote (no `.course-site` marker).
    case notASiteDirectory(String)
    /// KaTeX's files were not found.
    case missingAssets(String)
    /// Reading or writing a file failed.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidSlug(let slug):
            return "site: page slug \"\(slug)\" is not a plain file name (use letters, digits, '-', '_' and '.')"
        case .duplicateSlug(let slug):
            return "site: two lessons have the slug \"\(slug)\"; each lesson needs its own file name"
        case .invalidImageName(let name):
            return "site: image name \"\(name)\" is not a plain file name (no '/' or '..')"
        case .notASiteDirectory(let path):
            return "site: \(path) already holds files that this builder did not write; "
                + "choose an empty folder or remove it (a built site contains a .course-site file)"
        case .missingAssets(let detail):
            return "site: \(detail) — install the Debian packages libjs-katex and fonts-katex (scripts/setup does)"
        case .io(let path, let reason):
            return "site: cannot write \(path): \(reason)"
        }
    }
}
