import Foundation

/// Where the preview listens. Loopback (127.0.0.1, the default, or ::1) is the only address allowed without
/// asking: any other one shows the course — solutions and hidden checks of an instructor's lessons included — to
/// every machine that can reach this one, so it needs `allowNetwork` (and the command prints a warning).
///
///     let address = try ServeAddress(host: "127.0.0.1", port: 8000)
///     address.url   // http://127.0.0.1:8000/
public struct ServeAddress: Sendable, Equatable {
    public var host: String
    public var port: UInt16

    public init(host: String = "127.0.0.1", port: UInt16 = 8000, allowNetwork: Bool = false) throws {
        guard Self.isNumeric(host) else { throw ServeAddressError.notAnAddress(host) }
        if !Self.isLoopback(host) && !allowNetwork { throw ServeAddressError.notLoopback(host) }
        self.host = host
        self.port = port
    }

    public var isIPv6: Bool { host.contains(":") }
    public var isLoopback: Bool { Self.isLoopback(host) }

    /// The address to open in a browser.
    public var url: String { "http://\(isIPv6 ? "[\(host)]" : host):\(port)/" }

    static func isLoopback(_ host: String) -> Bool {
        if host.contains(":") {
            var address = in6_addr()
            return inet_pton(AF_INET6, host, &address) == 1 && host.replacingOccurrences(of: "0", with: "")
                .replacingOccurrences(of: ":", with: "") == "1"
        }
        return host.hasPrefix("127.")
    }

    static func isNumeric(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}

/// Why the preview does not listen where it was asked to.
public enum ServeAddressError: Error, Equatable, CustomStringConvertible {
    case notAnAddress(String)
    case notLoopback(String)

    public var description: String {
        switch self {
        case .notAnAddress(let host):
            return "--host \(host): give a numeric address such as 127.0.0.1 or ::1"
        case .notLoopback(let host):
            return "--host \(host) would serve the course to other machines (solutions and hidden checks included);"
                + " the preview binds 127.0.0.1 by default — add --allow-network if you really mean it"
        }
    }
}
