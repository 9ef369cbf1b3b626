// GitHub's alert syntax (`> [!NOTE]`) plus our `> [!ERRATUM]` for a slide whose stated answer differs from the
// computed one; the site styles each kind distinctly.

/// The kinds of callout a blockquote can start with (`> [!NOTE]`).
///
///     CalloutKind(rawValue: "ERRATUM")?.label   // "Slide erratum"
public enum CalloutKind: String, CaseIterable, Sendable {
    case note = "NOTE", tip = "TIP", important = "IMPORTANT", warning = "WARNING", caution = "CAUTION"
    case erratum = "ERRATUM"

    /// The title shown when the marker line has none.
    public var label: String {
        switch self {
        case .note: return "Note"
        case .tip: return "Tip"
        case .important: return "Important"
        case .warning: return "Warning"
        case .caution: return "Caution"
        case .erratum: return "Slide erratum"
        }
    }
}
