import Foundation

/// One workbook of a class: whose it is, which lesson it answers, where it is. Found by ``ClassSubmission/find(_:lesson:)``
/// from what the instructor names: workbook files, or class folders laid out as LMS exports make them —
/// `CLASS/STUDENT/…exercises.md` (a folder per student, the lesson from the workbook's name) or
/// `CLASS/STUDENT.exercises.md` (a file per student, the lesson given with `--lesson`).
///
///     let all = try ClassSubmission.find(["class/"], lesson: nil)
///     all[0].student       // "alice"
///     all[0].displayPath   // "alice/02-pooling.exercises.md" — what reports and compile errors name
public struct ClassSubmission: Equatable, Sendable {
    /// The student's id: the folder name, or the file name without `.exercises.md`.
    public var student: String
    /// The lesson the workbook answers (`02-pooling`, `02`, or a lesson file), if known.
    public var lessonName: String?
    public var url: URL
    /// `STUDENT/NAME.exercises.md`: the path shown to the student (never the instructor's own folders).
    public var displayPath: String

    public init(student: String, lessonName: String?, url: URL, displayPath: String) {
        self.student = student
        self.lessonName = lessonName
        self.url = url
        self.displayPath = displayPath
    }

    static let suffix = ".exercises.md"

    /// Every submission under `paths` (files or class folders), sorted by student then path. `lesson`, when given,
    /// is the lesson of all of them. Two workbooks of the same student for the same lesson are an error.
    public static func find(_ paths: [String], lesson: String?) throws -> [ClassSubmission] {
        var found: [ClassSubmission] = []
        let fm = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { throw ClassGradingError.noSuchPath(path) }
            let url = URL(fileURLWithPath: path)
            if isFolder.boolValue {
                found += try inFolder(url, lesson: lesson)
            } else {
                found.append(file(url, lesson: lesson))
            }
        }
        found.sort { ($0.student, $0.displayPath) < ($1.student, $1.displayPath) }
        var seen: [String: ClassSubmission] = [:]
        for submission in found {
            let key = submission.student + "\u{0}" + (submission.lessonName ?? "")
            if let first = seen[key] {
                throw ClassGradingError.twoSubmissions(student: submission.student, first: first.url.path,
                                                       second: submission.url.path)
            }
            seen[key] = submission
        }
        return found
    }

    /// A workbook named on the command line: `…/alice/02-pooling.exercises.md` is alice's; `alice.exercises.md`
    /// (or any other name) is the student its name gives.
    static func file(_ url: URL, lesson: String?) -> ClassSubmission {
        let name = url.lastPathComponent
        let stem = name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : url.deletingPathExtension().lastPathComponent
        if looksLikeLesson(stem) {
            let student = url.deletingLastPathComponent().lastPathComponent
            return ClassSubmission(student: student, lessonName: lesson ?? stem, url: url,
                                   displayPath: student + "/" + name)
        }
        return ClassSubmission(student: stem, lessonName: lesson, url: url, displayPath: stem + "/" + name)
    }

    /// A class folder: a folder per student (every `*.exercises.md` below it), or a file per student.
    static func inFolder(_ folder: URL, lesson: String?) throws -> [ClassSubmission] {
        let fm = FileManager.default
        var result: [ClassSubmission] = []
        let entries = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for entry in entries {
            let url = folder.appendingPathComponent(entry)
            var isFolder: ObjCBool = false
            fm.fileExists(atPath: url.path, isDirectory: &isFolder)
            if isFolder.boolValue {
                // A student folder that is a link (`mallory → bob`) hands in someone else's work: each of its
                // workbooks gets a row, read from the link itself, which the reader refuses (``WorkbookFile``).
                let link = WorkbookFile.isLink(url)
                let listed = link ? url.resolvingSymlinksInPath().path : url.path
                let below = (fm.subpaths(atPath: listed) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
                for relative in below {
                    let file = url.appendingPathComponent(relative)
                    let stem = String(file.lastPathComponent.dropLast(suffix.count))
                    result.append(ClassSubmission(student: entry, lessonName: lesson ?? stem, url: link ? url : file,
                                                  displayPath: entry + "/" + relative))
                }
            } else if entry.hasSuffix(suffix) {
                result.append(self.file(url, lesson: lesson))
            }
        }
        return result
    }

    /// `02-pooling`, `2-x`: a lesson's workbook name rather than a student's.
    static func looksLikeLesson(_ stem: String) -> Bool {
        let digits = stem.prefix { $0.isNumber }
        return !digits.isEmpty && (digits.count == stem.count || stem.dropFirst(digits.count).first == "-")
    }

    /// The student id as a file name: letters, digits, `.`, `-`, `_` kept, anything else `_`.
    var fileSafeStudent: String {
        let safe = String(student.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        return safe.hasPrefix(".") || safe.isEmpty ? "_" + safe : safe
    }
}
