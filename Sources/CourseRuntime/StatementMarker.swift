import Foundation

extension CourseProgram {
    /// Marks that the statement on `line` of the lesson begins: the generator writes it before every statement
    /// that can throw an error out to the top level. Swift stops a program whose top-level code throws in
    /// `swift_errorInMain`, and its backtrace names only the generated `main`; so when the program then traps,
    /// a signal handler writes `course-statement: <line>` to stderr, and the host names that lesson line.
    ///
    ///     CourseProgram.statement(123)
    ///     let model = try Sequential.load("cnn.safetensors")   // lessons/05-cnn.md:123: uncaught error: …
    public static func statement(_ line: Int) {
        StatementMarker.install()
        StatementMarker.line = line
    }
}

/// The line of the latest marked statement, and the trap handler that reports it. Inside the handler only
/// async-signal-safe work: digits into a buffer prepared beforehand, `write`, `sigaction`.
enum StatementMarker {
    nonisolated(unsafe) static var line = 0
    /// What SIGILL and SIGTRAP did before (the Swift runtime's backtracer, or the default).
    nonisolated(unsafe) static var previousIll = sigaction()
    nonisolated(unsafe) static var previousTrap = sigaction()
    static let prefix = Array("\ncourse-statement: ".utf8)
    /// `prefix`, then room for the digits and a newline.
    nonisolated(unsafe) static var buffer: UnsafeMutablePointer<UInt8> = {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
        for (i, byte) in prefix.enumerated() { buffer[i] = byte }
        return buffer
    }()

    private static let installation: Void = {
        _ = buffer
        // Swift's traps: `ud2` on x86-64 raises SIGILL, `brk` on arm64 SIGTRAP.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in StatementMarker.report(signal) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGILL, &action, &previousIll)
        sigaction(SIGTRAP, &action, &previousTrap)
    }()

    static func install() { _ = installation }

    /// Writes `course-statement: <line>`, puts the earlier handler back and returns: the trapping instruction
    /// runs again and the earlier handler (the backtracer) reports the crash as it always does.
    static func report(_ signal: Int32) {
        var count = prefix.count
        var value = max(0, line)
        let digitsStart = count
        repeat { buffer[count] = UInt8(ascii: "0") + UInt8(value % 10); value /= 10; count += 1 } while value > 0
        var low = digitsStart, high = count - 1
        while low < high { (buffer[low], buffer[high]) = (buffer[high], buffer[low]); low += 1; high -= 1 }
        buffer[count] = UInt8(ascii: "\n")
        _ = write(STDERR_FILENO, buffer, count + 1)
        if signal == SIGILL { sigaction(SIGILL, &previousIll, nil) } else { sigaction(SIGTRAP, &previousTrap, nil) }
    }
}
