import ExportalDomain
import Foundation

/// What `exportal serve` shares between its rebuilds and its connections: the last good portal,
/// the errors of the last build if it failed, and the open pages to tell. Rebuilds replace the
/// portal as a whole, so a request sees one build's files, never a mixture.
public final class LivePreview: @unchecked Sendable {
    /// What the open pages are told, as JSON over the socket.
    public struct Message: Codable, Equatable, Sendable {
        /// `build` or `errors`.
        public let kind: String
        /// The generation of the portal now served (the last good one).
        public let generation: Int
        /// For `build`: only stylesheets changed, so pages swap them instead of reloading.
        public var stylesheetsOnly = false
        /// For `errors`: the diagnostics as the terminal prints them.
        public var lines: [String] = []

        public var json: String { String(decoding: try! JSONEncoder().encode(self), as: UTF8.self) }
    }

    private let lock = NSLock()
    private var site = PreviewSite(files: [:], generation: 0)
    private var errors: [String] = []
    private var listeners: [Int: @Sendable (Message) -> Void] = [:]
    private var nextListener = 0

    public init() {}

    public func respond(to target: String) -> PreviewResponse {
        let site = lock.withLock { self.site }
        guard site.generation == 0 else { return site.respond(to: target) }
        // No build has succeeded yet: every page is a blank one that shows the errors and reloads
        // once the content builds.
        if PreviewSite.path(of: target) == PreviewSite.scriptPath { return site.respond(to: target) }
        let blank = Data("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>exportal serve</title></head><body></body></html>\n".utf8)
        return PreviewSite(files: ["index.html": blank], generation: 0).respond(to: "/")
    }

    /// A build succeeded: its files are served from now on and every open page is told.
    public func update(files: [String: Data], stylesheetsOnly: Bool) {
        lock.withLock {
            site = PreviewSite(files: files, generation: site.generation + 1)
            errors = []
            var message = current
            message.stylesheetsOnly = stylesheetsOnly
            tell(message)
        }
    }

    /// A build failed: the last good portal stays, and open pages show the diagnostics.
    public func fail(lines: [String]) {
        lock.withLock {
            errors = lines
            tell(current)
        }
    }

    /// Adds an open page: it is sent the current state at once, then every change.
    public func listen(_ listener: @escaping @Sendable (Message) -> Void) -> Int {
        lock.withLock {
            nextListener += 1
            listeners[nextListener] = listener
            listener(current)
            return nextListener
        }
    }

    public func stopListening(_ id: Int) {
        _ = lock.withLock { listeners.removeValue(forKey: id) }
    }

    /// Under the lock, so every page hears the builds in order. A listener only queues the message.
    private func tell(_ message: Message) {
        for id in listeners.keys.sorted() { listeners[id]!(message) }
    }

    /// Read under the lock.
    private var current: Message {
        errors.isEmpty ? Message(kind: "build", generation: site.generation)
                       : Message(kind: "errors", generation: site.generation, lines: errors)
    }
}
