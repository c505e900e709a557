import Foundation

/// One answer of the preview server, apart from any HTTP library: `exportal serve` turns it into
/// an HTTP response, and tests read it directly.
public struct PreviewResponse: Sendable, Equatable {
    public let status: Int
    /// Header names as sent, e.g. `Content-Type`.
    public let headers: [String: String]
    public let body: Data
}

/// A rendered portal as `exportal serve` answers requests for it. Only the files the build made
/// in memory can be served: a request path is checked, decoded and looked up in that table, never
/// joined to a folder on disk, so neither `..` nor a symbolic link can lead out of the portal.
///
///     let site = PreviewSite(files: ["index.html": page], generation: 1)
///     site.respond(to: "/").status          // 200, with the live-reload script before </body>
///     site.respond(to: "/../etc/passwd")    // 400
public struct PreviewSite: Sendable {
    /// The live-reload script and its socket, under a prefix no portal file can have (`_` paths
    /// are not made by the build, and `__exportal` is not a slug).
    public static let scriptPath = "/__exportal/live-reload.js"
    public static let socketPath = "/__exportal/live"

    let files: [String: Data]
    /// Counts successful builds; the page's script compares it with the server's to know whether
    /// it missed a rebuild while it loaded.
    public let generation: Int

    public init(files: [String: Data], generation: Int) {
        self.files = files
        self.generation = generation
    }

    /// Where a request path leads in the portal.
    enum Lookup: Equatable {
        case file(String)
        /// A folder asked for without its slash: its relative links need the slash.
        case folder(String)
        case missing
        /// Undecodable, or a path that tries to leave the portal.
        case refused
    }

    public func respond(to target: String) -> PreviewResponse {
        if Self.path(of: target) == Self.scriptPath {
            return Self.answer(200, type: "text/javascript; charset=utf-8", Data(LiveReloadScript.source.utf8))
        }
        switch lookup(target) {
        case .file(let path):
            let type = Self.contentType(of: path)
            return Self.answer(200, type: type, type.hasPrefix("text/html") ? withScript(files[path]!) : files[path]!)
        case .folder(let path):
            return Self.answer(301, type: "text/plain; charset=utf-8", Data("Moved to \(path)\n".utf8), location: path)
        case .missing:
            guard let page = files["404.html"] else {
                return Self.answer(404, type: "text/plain; charset=utf-8", Data("Not found\n".utf8))
            }
            return Self.answer(404, type: "text/html; charset=utf-8", withScript(page))
        case .refused:
            return Self.answer(400, type: "text/plain; charset=utf-8", Data("Bad request: the path is not one inside the portal\n".utf8))
        }
    }

    /// The request target without its query or fragment.
    static func path(of target: String) -> String {
        String(target.prefix { $0 != "?" && $0 != "#" })
    }

    func lookup(_ target: String) -> Lookup {
        let raw = Self.path(of: target)
        guard raw.hasPrefix("/"), let decoded = raw.removingPercentEncoding,
              !decoded.contains("\0"), !decoded.contains("\\") else { return .refused }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        // `.` and `..` are refused rather than resolved: the browser resolves them before asking,
        // so one that arrives was written to reach something else. An empty segment (`a//b`) too.
        for (index, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return .refused }
            if segment.isEmpty && index != segments.count - 1 { return .refused }
        }
        var relative = segments.joined(separator: "/")
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        if files[relative] != nil { return .file(relative) }
        if files[relative + "/index.html"] != nil { return .folder(raw + "/") }
        return .missing
    }

    /// The page with the live-reload script before its last `</body>`: added here, at serve time,
    /// so no template and no `build` output ever carries it.
    func withScript(_ page: Data) -> Data {
        let tag = "<script src=\"\(Self.scriptPath)\" data-generation=\"\(generation)\" defer></script>\n"
        guard var html = String(data: page, encoding: .utf8) else { return page }
        if let end = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) {
            html.insert(contentsOf: tag, at: end.lowerBound)
        } else {
            html += tag
        }
        return Data(html.utf8)
    }

    static func answer(_ status: Int, type: String, _ body: Data, location: String? = nil) -> PreviewResponse {
        var headers = ["Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"]
        headers["Location"] = location
        return PreviewResponse(status: status, headers: headers, body: body)
    }

    /// The types a portal's files have; anything else is sent as bytes, never guessed as HTML.
    static func contentType(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let suffix = name.contains(".") ? String(name.split(separator: ".").last!).lowercased() : ""
        return contentTypes[suffix] ?? "application/octet-stream"
    }

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "atom": "application/atom+xml", "txt": "text/plain; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/x-icon", "woff": "font/woff", "woff2": "font/woff2",
        "pdf": "application/pdf",
    ]
}
