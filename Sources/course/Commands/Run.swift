import ArgumentParser
import Foundation
import Lessons

/// `course run 03` — runs one lesson and prints each cell's answers as they are computed.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson and print each cell's answers.",
        discussion: """
            The lesson is named by its number (03 or 3), its file name, or its slug; `course run lesson 03` works
            too. Results are cached: a lesson whose code did not change is not run again (use --force).
            """)

    @Argument(help: "The lesson: 03, 3, 03-shallow-network (optionally after the word `lesson`).")
    var lesson: [String] = []

    @Flag(help: "Run even when the results are cached.")
    var force = false

    @Option(parsing: .unconditional, help: "Seconds each cell may take (default: the lesson's `timeout:`, else 60).")
    var timeout: Double?

    @Flag(help: "Run again on every save of the lesson (or of a file under lessons/ it may read); Ctrl-C stops.")
    var watch = false

    @Flag(help: "Print what cells print as it is, escape sequences included (by default cursor movement, screen clearing and window titles are shown, not obeyed).")
    var raw = false

    @Option(help: "Pictures in the terminal: kitty, iterm, sixel or none (default: what the terminal supports).")
    var images: TerminalImageProtocol?

    func validate() throws {
        let words = lesson.first == "lesson" ? Array(lesson.dropFirst()) : lesson
        guard words.count == 1 else { throw ValidationError("name one lesson, e.g. `course run 03`") }
        if let timeout { try OptionValidation.seconds(timeout, option: "--timeout") }
    }

    func run() throws {
        if watch { return try RunWatch.loop(self) }
        let name = lesson.first == "lesson" ? lesson[1] : lesson[0]
        let failed = try CommandSupport.reportingErrors { () throws -> Bool in
            let (root, catalog) = try CommandSupport.catalog()
            let url = try catalog.find(name)
            let lesson = try catalog.load(url)
            let environment = try CourseEnvironment.locate(from: root)
            let runner = try LessonRunner(environment: environment)
            let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: environment.outputsDirectory,
                                              color: CommandSupport.useColor, raw: raw,
                                              pictures: CommandSupport.terminalPictures(images))
            var printer = CellPrinter(lesson: lesson, formatter: formatter)
            CommandSupport.write(formatter.title())
            let result = try runner.run(lesson, options: RunOptions(force: force, timeout: timeout,
                                                                dataKey: CommandSupport.dataKey())) {
                printer.handle($0)
            }
            printer.finish(result)
            CommandSupport.write(formatter.summary(result))
            return !result.failures.isEmpty
        }
        if failed { throw ExitCode(1) }
    }
}

extension TerminalImageProtocol: ExpressibleByArgument {}

extension CommandSupport {
    /// Pictures as `--images` says, else as the terminal supports (on a terminal; paths elsewhere).
    static func terminalPictures(_ chosen: TerminalImageProtocol?) -> TerminalPictures {
        let terminal = isatty(STDOUT_FILENO) != 0
        let detected = chosen ?? TerminalImageProtocol.detect(environment: ProcessInfo.processInfo.environment,
                                                              isTerminal: terminal && isatty(STDIN_FILENO) != 0)
        let inTmux = ProcessInfo.processInfo.environment["TMUX"] != nil
        return TerminalPictures(protocol: detected, size: TerminalSize.current() ?? .fallback, links: useColor,
                                tmuxPassthrough: inTmux && chosen != nil)
    }
}

/// Turns the runner's progress into terminal output: a header when a cell starts (hidden setup cells only when
/// they print something), text as it streams, other outputs as lines.
struct CellPrinter {
    let lesson: Lesson
    let formatter: TerminalFormatter
    private var headed: Set<Int> = []
    private var atLineStart = true
    private var saidCompiling = false
    private var hiddenNoted: Set<Int> = []

    init(lesson: Lesson, formatter: TerminalFormatter) {
        self.lesson = lesson
        self.formatter = formatter
    }

    mutating func handle(_ progress: RunProgress) {
        let cells = lesson.cells
        switch progress {
        case .compiling(let cached):
            // Printed once, although a compile error makes the runner compile again without the failing cell.
            if !cached && !saidCompiling {
                saidCompiling = true
                write(formatter.color ? "\u{1B}[2mcompiling…\u{1B}[0m\n" : "compiling…\n")
            }
        case .cellStarted(let index):
            if cells[index].kind != .hidden { head(index) }
        case .text(let index, let text):
            head(index)
            // A hidden check's details are for the grader; the student sees only that it ran.
            if case .check(_, hidden: true) = cells[index].kind {
                if hiddenNoted.insert(index).inserted { write("(hidden check: its details are shown when graded)\n") }
                return
            }
            write(formatter.printed(text))
        case .output(let index, let output):
            head(index)
            if !atLineStart { write("\n") }
            write(formatter.format(output, of: cells[index]))
        case .progress(let index, let report):
            head(index)
            if CommandSupport.useColor {
                // Redrawn in place on a terminal; elsewhere one line when the loop finishes.
                CommandSupport.write("\r\u{1B}[2K" + formatter.progressLine(report) + (report.finished ? "\n" : ""))
                atLineStart = report.finished
            } else if report.finished {
                write(formatter.progressLine(report) + "\n")
            }
        case .cellFinished(let result):
            if result.status == .notRun {
                head(result.index)
                write(formatter.notRunNote(for: cells[result.index]))
            }
            if !atLineStart { write("\n") }
        }
    }

    /// Cells the program never reached (after a failure) get a note, in order.
    mutating func finish(_ result: LessonResult) {
        for cell in result.cells where cell.status == .notRun && !headed.contains(cell.index) {
            head(cell.index)
            write(formatter.notRunNote(for: lesson.cells[cell.index]))
        }
        if !atLineStart { write("\n") }
    }

    private mutating func head(_ index: Int) {
        guard headed.insert(index).inserted else { return }
        if !atLineStart { write("\n") }
        write(formatter.header(for: lesson.cells[index]))
    }

    private mutating func write(_ text: String) {
        guard let last = text.last else { return }
        CommandSupport.write(text)
        atLineStart = last == "\n"
    }
}
