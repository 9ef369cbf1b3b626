/// The settings at the top of a lesson, between two `---` lines.
///
///     ---
///     title: The shallow network that computes X1·X2
///     order: 3
///     seed: 42      # optional, default 42
///     timeout: 60   # optional, seconds per cell, default 60
///     ---
public struct FrontMatter: Equatable, Codable, Sendable {
    public var title: String
    public var order: Int
    /// Every random draw in the lesson flows from this seed.
    public var seed: UInt64
    /// The time limit of each cell, in seconds.
    public var timeout: Double

    public static let defaultSeed: UInt64 = 42
    public static let defaultTimeout: Double = 60

    public init(title: String, order: Int, seed: UInt64 = FrontMatter.defaultSeed,
                timeout: Double = FrontMatter.defaultTimeout) {
        self.title = title
        self.order = order
        self.seed = seed
        self.timeout = timeout
    }
}
