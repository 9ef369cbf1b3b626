import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol through `--remote-debugging-pipe` (commands on the child's
/// fd 3, replies on its fd 4, one JSON message per NUL): open a page, evaluate JavaScript in it. The test never
/// reloads the page itself — whatever changes in it, the page's own scripts did.
final class DevToolsBrowser {
    static let executable = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private let pid: pid_t
    private let commands: Int32
    private let replies: Int32
    private let profile: URL
    private var nextID = 0
    private var buffer = [UInt8]()
    private var session: String?

    init() throws {
        guard let chromium = Self.executable else { throw XCTSkip("chromium is not installed (apt-get install chromium)") }
        profile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-chromium-\(UUID().uuidString)")
        var toChrome: [Int32] = [0, 0], fromChrome: [Int32] = [0, 0]
        guard pipe(&toChrome) == 0, pipe(&fromChrome) == 0 else { throw XCTSkip("no pipes") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChrome[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromChrome[1], 4)
        let devNull = Glibc.open("/dev/null", O_WRONLY)
        posix_spawn_file_actions_adddup2(&actions, devNull, 1)
        posix_spawn_file_actions_adddup2(&actions, devNull, 2)
        let arguments = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "--window-size=1000,700",
                         "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, chromium, &actions, nil, &argv, environ)
        close(devNull)
        close(toChrome[0])
        close(fromChrome[1])
        guard status == 0 else { throw XCTSkip("chromium did not start: \(status)") }
        pid = child
        commands = toChrome[1]
        replies = fromChrome[0]
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(commands)
        close(replies)
        try? FileManager.default.removeItem(at: profile)
    }

    /// Opens `url` in a new tab and attaches to it.
    func open(_ url: String) throws {
        let target = try send("Target.createTarget", ["url": url], toPage: false)
        guard let id = target["targetId"] as? String else { throw BrowserError.protocolError("no targetId: \(target)") }
        let attached = try send("Target.attachToTarget", ["targetId": id, "flatten": true], toPage: false)
        session = attached["sessionId"] as? String
    }

    /// The value of a JavaScript expression in the page (nil while the page is between documents).
    func evaluate(_ expression: String) throws -> Any? {
        let reply = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true])
        return (reply["result"] as? [String: Any])?["value"]
    }

    /// Evaluates `expression` every 50 ms until `accept` says yes; returns that value, or fails after `timeout`.
    /// `seen` collects every distinct value of `also` met on the way (what the page showed meanwhile).
    @discardableResult
    func waitFor(_ expression: String, timeout: TimeInterval, also: String? = nil, seen: inout [String],
                 accept: (Any?) -> Bool) throws -> Any? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let also, let value = try? evaluate(also) as? String, !value.isEmpty, seen.last != value {
                seen.append(value)
            }
            let value = try? evaluate(expression)
            if accept(value) { return value }
            usleep(50_000)
        }
        throw BrowserError.timeout(expression)
    }

    private func send(_ method: String, _ params: [String: Any], toPage: Bool = true) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": params]
        if toPage, let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        _ = data.withUnsafeBytes { write(commands, $0.baseAddress, $0.count) }
        while true {
            let reply = try readMessage()
            guard reply["id"] as? Int == nextID else { continue }   // events and late replies
            if let error = reply["error"] { throw BrowserError.protocolError("\(method): \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let data = Data(buffer[..<end])
                buffer.removeSubrange(...end)
                if let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] { return object }
                continue
            }
            var fds = [pollfd(fd: replies, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 30_000) > 0 else { throw BrowserError.timeout("a reply from chromium") }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            guard count > 0 else { throw BrowserError.protocolError("chromium closed the pipe") }
            buffer += chunk[..<count]
        }
    }

    enum BrowserError: Error { case protocolError(String), timeout(String) }
}
