import FlyingFox
import Foundation

/// The open pages' WebSockets: every message published goes to each of them. A page that connects later first
/// gets the standing state (the run in progress, or the last rebuild's problems).
///
///     let channel = LiveChannel()
///     channel.publish(LiveMessage(.rebuilt(report)))
public final class LiveChannel: WSMessageHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    private var standing: LiveMessage?

    public init() {}

    /// How many pages are connected.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return clients.count
    }

    public func publish(_ message: LiveMessage) {
        lock.lock()
        standing = message.standing
        let targets = Array(clients.values)
        lock.unlock()
        for client in targets { client.yield(.text(message.json)) }
    }

    public func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        let first = lock.withLock { () -> LiveMessage? in
            clients[id] = continuation
            return standing
        }
        if let first { continuation.yield(.text(first.json)) }
        // The page sends nothing; when it goes away the incoming stream ends and so does ours.
        Task {
            for await _ in client {}
            continuation.finish()
        }
        return stream
    }

    private func remove(_ id: UUID) {
        lock.lock()
        clients[id] = nil
        lock.unlock()
    }
}
