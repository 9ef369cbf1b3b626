/// How a terminal can show a picture inline: kitty's graphics protocol, iTerm2's inline images, DEC sixel — or
/// not at all (the picture's path is printed as a link instead).
///
///     TerminalImageProtocol.detect(environment: ["TERM": "xterm-kitty"])          // .kitty
///     TerminalImageProtocol.detect(environment: ["TERM_PROGRAM": "iTerm.app"])    // .iterm
public enum TerminalImageProtocol: String, CaseIterable, Sendable {
    case kitty, iterm, sixel, none

    /// The protocol the terminal named by the environment speaks, if the environment tells. Terminals announce
    /// themselves in `TERM`, `TERM_PROGRAM` (`LC_TERMINAL` survives ssh) or a variable of their own.
    /// Inside tmux or screen, pictures would need the multiplexer's passthrough: none, unless chosen with `--images`.
    public static func detect(environment: [String: String]) -> TerminalImageProtocol? {
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        if environment["TMUX"] != nil || program == "tmux" || term.hasPrefix("screen") || term.hasPrefix("tmux") {
            return TerminalImageProtocol.none
        }
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || term == "xterm-ghostty"
            || program == "ghostty" || environment["GHOSTTY_RESOURCES_DIR"] != nil {
            return .kitty
        }
        if program == "iTerm.app" || environment["LC_TERMINAL"] == "iTerm2" || program == "WezTerm"
            || environment["WEZTERM_EXECUTABLE"] != nil {
            return .iterm
        }
        if term.hasPrefix("foot") || term.hasPrefix("mlterm") || term.contains("sixel") || program == "mlterm"
            || environment["WT_SESSION"] != nil || term == "contour" {
            return .sixel
        }
        if term == "dumb" || term.isEmpty { return TerminalImageProtocol.none }
        return nil
    }

    /// What `course run` uses: the environment's answer, else the terminal's own reply to a query (kitty's
    /// graphics query and the device attributes, read with a short timeout), else none.
    public static func detect(environment: [String: String], isTerminal: Bool,
                              query: () -> TerminalReply? = { TerminalQuery.ask() }) -> TerminalImageProtocol {
        guard isTerminal else { return TerminalImageProtocol.none }
        if let known = detect(environment: environment) { return known }
        guard let reply = query() else { return TerminalImageProtocol.none }
        if reply.kittyGraphics { return .kitty }
        if reply.sixel { return .sixel }
        return TerminalImageProtocol.none
    }
}
