import Checksum

/// A chained digest of a lesson's shared code, cell by cell: `key(n) = sha256(key(n−1), kind, code)`. It is what
/// `memo` results depend on, so the lesson program and the grading program must compute it the same way — a
/// graded run then reuses the weights that `course run` trained.
///
///     var chain = CodeKeyChain()
///     let key = chain.adding(cell.code, kind: cell.kind)   // the key of everything up to this cell
///
/// Only cells that change the shared state (`swift` and `swift hidden`) advance the chain; isolated cells
/// (exercises, checks, `fails`) and prose do not, and line numbers never count.
public struct CodeKeyChain: Sendable {
    public private(set) var key = ""

    public init() {}

    public mutating func adding(_ code: String, kind: CellKind) -> String {
        key = Checksum.sha256("\(key)\n\(kind.infoString)\n\(code.utf8.count)\n\(code)")
        return key
    }
}
