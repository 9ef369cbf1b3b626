import Foundation

/// An event line written by a lesson program (CourseRuntime's `RuntimeChannel.emit`), decoded. The JSON shape
/// mirrors `Sources/CourseRuntime/RuntimeEvent.swift`; keep the two in step.
enum WireEvent: Equatable {
    case cellStarted(index: Int)
    case image(file: String, width: Int, height: Int)
    case check(CheckResult)
    case isolatedFinished(index: Int, expectFailure: Bool, exitCode: Int?, signal: Int?, stderr: String)
    case finished

    private struct Payload: Decodable {
        var type: String
        var index: Int?
        var file: String?
        var width: Int?
        var height: Int?
        var verdict: CheckResult?
        var expectFailure: Bool?
        var exitCode: Int?
        var signal: Int?
        var stderr: String?
    }

    /// Decodes the JSON after the marker; nil when it is not a well-formed event.
    init?(json: Substring) {
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(json.utf8)) else { return nil }
        switch payload.type {
        case "cell":
            guard let index = payload.index else { return nil }
            self = .cellStarted(index: index)
        case "image":
            guard let file = payload.file, let width = payload.width, let height = payload.height,
                  WireEvent.isSafeFileName(file) else { return nil }
            self = .image(file: file, width: width, height: height)
        case "check":
            guard let verdict = payload.verdict else { return nil }
            self = .check(verdict)
        case "isolated":
            guard let index = payload.index else { return nil }
            self = .isolatedFinished(index: index, expectFailure: payload.expectFailure ?? false,
                                     exitCode: payload.exitCode, signal: payload.signal, stderr: payload.stderr ?? "")
        case "end":
            self = .finished
        default:
            return nil
        }
    }

    /// A picture's name is `<hex>.png`: nothing that could point outside the outputs folder.
    static func isSafeFileName(_ name: String) -> Bool {
        name.hasSuffix(".png") && name.dropLast(4).allSatisfy { $0.isHexDigit } && name.count > 4
    }
}
