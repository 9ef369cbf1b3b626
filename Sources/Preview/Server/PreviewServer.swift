import FlyingFox
import FlyingSocks
import Foundation

/// The preview's HTTP server (FlyingFox): the site's files, read fresh on every request, with the live-reload
/// script added to each page on the way out; the WebSocket the pages listen on; nothing else. Only GET and HEAD;
/// everything `SiteFiles` refuses is a 404; nothing is cached by the browser (every response is `no-store`).
///
///     let server = try PreviewServer(site: siteFolder, address: ServeAddress())
///     let url = try await server.start()        // http://127.0.0.1:8000/
///     server.channel.publish(LiveMessage(event))
public final class PreviewServer: Sendable {
    public let files: SiteFiles
    public let address: ServeAddress
    public let channel = LiveChannel()
    private let server: HTTPServer

    public init(site: URL, address: ServeAddress) throws {
        files = try SiteFiles(root: site)
        self.address = address
        let socket: any SocketAddress = address.isIPv6
            ? try sockaddr_in6.inet6(ip6: address.host, port: address.port)
            : try sockaddr_in.inet(ip4: address.host, port: address.port)
        // No request timeout worth the name for a page: the WebSocket stays open as long as the page does.
        server = HTTPServer(config: .init(address: socket, timeout: 30, logger: .disabled))
    }

    /// Starts listening and serving in the background; returns the address to open (with the real port when
    /// port 0 asked for any free one).
    @discardableResult
    public func start() async throws -> String {
        await server.appendRoute(HTTPRoute(stringLiteral: "GET " + LiveReload.socketPath),
                                 to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: channel)))
        let files = self.files
        await server.appendRoute("*") { request in Self.respond(to: request, files: files) }
        let server = self.server
        let running = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            running.cancel()
            // The reason (the port is taken, say) is what `run` threw.
            if case .failure(let reason) = await running.result { throw PreviewServerError.cannotListen(address, "\(reason)") }
            throw PreviewServerError.cannotListen(address, "\(error)")
        }
        var port = address.port
        if case .ip4(_, let real)? = await server.listeningAddress { port = real }
        if case .ip6(_, let real)? = await server.listeningAddress { port = real }
        var shown = address
        shown.port = port
        return shown.url
    }

    public func stop() async {
        await server.stop(timeout: 1)
    }

    /// The response to one request: a site file, the live-reload script, or 404/405.
    static func respond(to request: HTTPRequest, files: SiteFiles) -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET, HEAD"] as HTTPHeaders)
        }
        let raw = request.target.path(percentEncoded: true)
        let body: Data, type: String
        if raw == LiveReload.scriptPath {
            (body, type) = (Data(LiveReload.script.utf8), "text/javascript; charset=utf-8")
        } else if let file = files.file(for: raw), let data = FileManager.default.contents(atPath: file.path) {
            type = SiteFiles.contentType(of: file)
            body = type.hasPrefix("text/html") ? LiveReload.inject(into: data) : data
        } else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"] as HTTPHeaders,
                                body: Data("Not found: this preview serves only the files of the built site.\n".utf8))
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-store"] as HTTPHeaders,
                            body: request.method == .HEAD ? Data() : body)
    }
}

/// Why the preview server did not start.
public enum PreviewServerError: Error, CustomStringConvertible {
    case cannotListen(ServeAddress, String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            return "cannot listen on \(address.url): \(reason) (is another `course serve` running? try --port)"
        }
    }
}
