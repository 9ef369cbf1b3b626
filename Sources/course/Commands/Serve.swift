import ArgumentParser
import Dispatch
import Foundation
import Lessons
import Preview
import Render

/// `course serve` — builds what is stale, serves the site on 127.0.0.1, and on every save in lessons/ re-runs
/// what changed and reloads the open pages.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site while you write: rebuild on save, reload the browser.",
        discussion: """
            Builds the site into site/ (as `course build` does), serves it on http://127.0.0.1:8000/ and watches
            lessons/. On a save only the lessons whose text changed run again (a prose edit runs nothing: the
            results come from the cache), only the pages whose bytes changed are rewritten, and the open pages
            reload where they were scrolled. While a lesson runs its page says which cell; compile errors, traps
            and time-outs appear at their cell. Stop with Ctrl-C.
            """)

    @Option(help: "The port (0: any free one).")
    var port: Int = 8000

    @Option(help: "The address to listen on: 127.0.0.1 (default) or ::1; another one needs --allow-network.")
    var host: String = "127.0.0.1"

    @Flag(help: "Allow a --host other than loopback (the course, solutions included, is then visible to the network).")
    var allowNetwork = false

    @Flag(help: "Open the site in the default browser (xdg-open).")
    var open = false

    @Option(help: "Where to write the site (default: site/ in the course folder).")
    var output: String?

    @Flag(help: "Include the exercises' reference solutions (an instructor build).")
    var solutions = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): give a port from 0 to 65535") }
    }

    func run() throws {
        try CommandSupport.reportingErrors {
            let address = try ServeAddress(host: host, port: UInt16(port), allowNetwork: allowNetwork)
            if !address.isLoopback {
                FileHandle.standardError.write(Data("""
                    warning: serving on \(address.host): every machine that can reach this one can read the course\
                    \(solutions ? " and its solutions" : "").\n
                    """.utf8))
            }
            let (root, _) = try CommandSupport.catalog()
            let environment = try CourseEnvironment.locate(from: root)
            let lessons = root.appendingPathComponent("lessons", isDirectory: true)
            let folder = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? root.appendingPathComponent("site", isDirectory: true)
            let site = PreviewSite(runner: try LessonRunner(environment: environment), lessons: lessons, output: folder,
                                   runOptions: RunOptions(dataKey: CommandSupport.dataKey()),
                                   siteOptions: SiteOptions(includeSolutions: solutions))
            let watcher = try FolderWatcher(folder: lessons)   // before the first build: no save is missed

            // The first build, in the foreground: the server starts on a complete site.
            CommandSupport.write("building the site…\n")
            let first = try site.update(everything: true) { ServePrinter.print($0) }
            ServePrinter.print(.rebuilt(first))

            let server = try PreviewServer(site: folder, address: address)
            let url = try Self.wait { try await server.start() }
            let scheduler = RebuildScheduler(site: site) { event in
                ServePrinter.print(event)
                server.channel.publish(LiveMessage(event))
            }
            scheduler.start()
            CommandSupport.write("serving \(Lesson.relativePath(of: folder))/ at \(url) — watching \(Lesson.relativePath(of: lessons))/ (Ctrl-C stops)\n")
            if open { Self.openBrowser(url) }
            while let changed = watcher.next() {
                CommandSupport.write("saved " + changed.map { Lesson.relativePath(of: $0) }.sorted().joined(separator: ", ") + "\n")
                scheduler.request(changed: changed)
            }
        }
    }

    /// Runs async work from this synchronous command and waits for it.
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<T, Error>?
        Task {
            do { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            done.signal()
        }
        done.wait()
        return try outcome!.get()
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        if (try? process.run()) == nil {
            FileHandle.standardError.write(Data("course serve: could not start xdg-open; open \(url) yourself\n".utf8))
        }
    }
}

/// What `course serve` prints for each preview event: one line each; progress inside a cell is left to the page.
enum ServePrinter {
    static func print(_ event: PreviewEvent) {
        switch event {
        case .compiling(let activity): CommandSupport.write("… \(activity.lesson): compiling\n")
        case .running(let activity, let cell, let detail):
            if detail == nil { CommandSupport.write("… \(activity.lesson): cell \(cell + 1)/\(activity.cellCount)\n") }
        case .queued(let files): CommandSupport.write("queued \(files.joined(separator: ", ")) (a lesson is running)\n")
        case .rebuilt(let report): CommandSupport.write((report.failures.isEmpty ? "✓ " : "✗ ") + report.summary + "\n")
        case .problem(let text): CommandSupport.write("✗ \(text)\n")
        }
    }
}
