import Foundation

/// Headless Chromium driven through the DevTools protocol over `--remote-debugging-pipe`: commands go to the
/// browser's fd 3 and answers come from its fd 4, each a JSON message ended by a NUL byte. Enough of the
/// protocol for the accessibility tests: open a page, evaluate script, read the accessibility tree, press keys.
///
///     let browser = try BrowserSession(chromium: "/usr/bin/chromium", width: 390, height: 844)
///     let page = try browser.open("file:///tmp/site/01-intro.html")
///     let tree = try browser.send("Accessibility.getFullAXTree", session: page)
final class BrowserSession {
    enum Failure: Error, CustomStringConvertible {
        case spawn(Int32), closed, timeout(String), protocolError(String)
        var description: String {
            switch self {
            case .spawn(let code): return "chromium did not start (posix_spawn: \(code))"
            case .closed: return "chromium closed the DevTools pipe"
            case .timeout(let what): return "no answer from chromium to \(what) within the time limit"
            case .protocolError(let text): return "DevTools error: \(text)"
            }
        }
    }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var nextID = 1
    private var pending: [UInt8] = []
    private var events: [[String: Any]] = []
    private let profile: URL

    init(chromium: String, width: Int, height: Int) throws {
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw Failure.spawn(errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Move the pipe ends out of the way first, so that placing them at 3 and 4 cannot overwrite each other.
        posix_spawn_file_actions_adddup2(&actions, commands[0], 200)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 201)
        posix_spawn_file_actions_adddup2(&actions, 200, 3)
        posix_spawn_file_actions_adddup2(&actions, 201, 4)
        for fd in [commands[0], commands[1], answers[0], answers[1], 200, 201] where fd > 4 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                         "--no-first-run", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                         "--window-size=\(width),\(height)", "about:blank"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, chromium, &actions, nil, &argv, environ)
        close(commands[0]); close(answers[1])
        guard code == 0 else { close(commands[1]); close(answers[0]); throw Failure.spawn(code) }
        pid = child
        toBrowser = commands[1]
        fromBrowser = answers[0]
    }

    deinit {
        _ = try? send("Browser.close")
        close(toBrowser); close(fromBrowser)
        var status: Int32 = 0
        for _ in 0..<50 where waitpid(pid, &status, WNOHANG) == 0 { usleep(100_000) }
        if waitpid(pid, &status, WNOHANG) == 0 { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        try? FileManager.default.removeItem(at: profile)
    }

    /// Sends a command and waits for its answer's `result`.
    @discardableResult
    func send(_ method: String, _ params: [String: Any] = [:], session: String? = nil,
              timeout: TimeInterval = 20) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure.closed }
            written += n
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let answer = try nextMessage(until: deadline, what: method)
            if answer["id"] as? Int == id {
                if let error = answer["error"] as? [String: Any] { throw Failure.protocolError("\(method): \(error)") }
                return answer["result"] as? [String: Any] ?? [:]
            }
            if answer["method"] != nil { events.append(answer) }
        }
    }

    /// Waits for an event (`Page.loadEventFired`) of `session`.
    func waitFor(_ method: String, session: String, timeout: TimeInterval = 20) throws {
        if let i = events.firstIndex(where: { $0["method"] as? String == method && $0["sessionId"] as? String == session }) {
            events.remove(at: i)
            return
        }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let message = try nextMessage(until: deadline, what: method)
            if message["method"] as? String == method && message["sessionId"] as? String == session { return }
            if message["method"] != nil { events.append(message) }
        }
    }

    /// Opens `url` in a new tab and waits for its load event; returns the tab's session.
    func open(_ url: String) throws -> String {
        let target = try send("Target.createTarget", ["url": "about:blank"])["targetId"] as? String ?? ""
        let session = try send("Target.attachToTarget", ["targetId": target, "flatten": true])["sessionId"] as? String ?? ""
        try send("Page.enable", session: session)
        try send("Page.navigate", ["url": url], session: session)
        try waitFor("Page.loadEventFired", session: session)
        return session
    }

    /// The value of a script expression (promises awaited), as JSON values.
    func evaluate(_ expression: String, session: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true],
                              session: session)
        if let exception = result["exceptionDetails"] { throw Failure.protocolError("script: \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Presses and releases a key (`Tab`, with `shift` for Shift-Tab).
    func press(_ key: String, code: Int, shift: Bool = false, session: String) throws {
        let base: [String: Any] = ["key": key, "code": key, "windowsVirtualKeyCode": code, "modifiers": shift ? 8 : 0]
        try send("Input.dispatchKeyEvent", base.merging(["type": "keyDown"]) { $1 }, session: session)
        try send("Input.dispatchKeyEvent", base.merging(["type": "keyUp"]) { $1 }, session: session)
    }

    private func nextMessage(until deadline: Date, what: String) throws -> [String: Any] {
        while true {
            if let end = pending.firstIndex(of: 0) {
                let data = Data(pending[..<end])
                pending.removeSubrange(...end)
                guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
                return object
            }
            let left = Int32(deadline.timeIntervalSinceNow * 1000)
            guard left > 0 else { throw Failure.timeout(what) }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { throw Failure.timeout(what) }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = read(fromBrowser, &chunk, chunk.count)
            guard n > 0 else { throw Failure.closed }
            pending += chunk[..<n]
        }
    }
}
