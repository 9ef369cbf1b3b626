import Foundation

/// What the server tells open pages over the WebSocket, as one JSON object a message; made from a
/// `PreviewEvent` in this one place (the script in `LiveReload` reads it).
///
///     LiveMessage(.running(activity, cell: 3, detail: nil))?.json
///     // {"cell":3,"cells":12,"lesson":"02-pooling","page":"02-pooling.html","type":"running"}
public struct LiveMessage: Codable, Equatable, Sendable {
    public var type: String
    public var page: String?
    public var lesson: String?
    public var cell: Int?
    public var cells: Int?
    public var detail: String?
    public var pages: [String]?
    public var problems: [String]?
    public var files: [String]?
    public var text: String?

    public init(type: String) { self.type = type }

    /// The message for `event`.
    public init(_ event: PreviewEvent) {
        switch event {
        case .compiling(let activity):
            self.init(type: "compiling")
            set(activity)
        case .running(let activity, let cell, let detail):
            self.init(type: "running")
            set(activity)
            self.cell = cell
            self.detail = detail
        case .queued(let files):
            self.init(type: "queued")
            self.files = files
        case .rebuilt(let report):
            self.init(type: "reload")
            pages = report.changedPages
            problems = report.problems
        case .problem(let text):
            self.init(type: "problem")
            self.text = text
        }
    }

    private mutating func set(_ activity: LessonActivity) {
        page = activity.page
        lesson = activity.lesson
        cells = activity.cellCount
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// What a page that connects now should show: the run in progress, or the problems of the last rebuild.
    /// nil: nothing (the site is up to date).
    var standing: LiveMessage? {
        switch type {
        case "compiling", "running", "queued", "problem": return self
        case "reload":
            guard let problems, !problems.isEmpty else { return nil }
            var message = LiveMessage(type: "problem")
            message.text = problems.joined(separator: "\n")
            return message
        default: return nil
        }
    }
}
