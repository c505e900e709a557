import ArgumentParser
import ExportalCore
import FlyingFox
import Foundation

extension Exportal {
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the portal in memory, serve it on this machine, and rebuild and reload pages on every change.")

        @OptionGroup var sources: SourceOptions
        @Option(name: .customLong("public"), help: "Static assets folder.") var publicAssets = "Public"
        @Option(help: "Port to listen on.") var port: UInt16 = 1313
        @Option(help: "Address to listen on: 127.0.0.1 (this machine only) unless you mean to share the preview.")
        var host = "127.0.0.1"
        @Flag(help: "Open the portal in the default browser.") var open = false
        @Option(help: "Also write the private exporter checklists (HTML and JSON, no PDF) into this folder after each good build; none are written without it.")
        var checklists: String?

        func validate() throws {
            guard Self.isIPv4(host) || host.contains(":") || host == "localhost" else {
                throw ValidationError("--host must be an IP address, e.g. 127.0.0.1 or ::1")
            }
        }

        func run() throws {
            let address = host == "localhost" ? "127.0.0.1" : host
            let origin = address.contains(":") ? "http://[\(address)]:\(port)/" : "http://\(address):\(port)/"
            let options = BuildOptions(content: sources.content, templates: sources.templates, publicAssets: publicAssets,
                                       baseURL: origin, checklists: checklists ?? "Checklists")
            let preview = LivePreview()
            let watcher = SourceWatcher(folders: [options.content, options.templates, options.publicAssets])
            var lastGood = rebuild(options, into: preview, watcher: watcher, changed: [], after: nil)

            let server: HTTPServer
            do {
                server = address.contains(":")
                    ? HTTPServer(address: try .inet6(ip6: address, port: port), logger: .disabled, handler: PreviewHandler(preview: preview))
                    : HTTPServer(address: try .inet(ip4: address, port: port), logger: .disabled, handler: PreviewHandler(preview: preview))
            } catch {
                throw ValidationError("--host '\(host)' is not an address to listen on: \(error)")
            }
            try Self.start(server)
            if !["127.0.0.1", "::1"].contains(address) {
                writeToStandardError("warning: serving on \(address): other machines can read this preview\n")
            }
            say("Serving \(sources.content) at \(origin) (Ctrl-C to stop)")
            if open { Self.openInBrowser(origin) }
            // Everything changed since the last good build, which the next rebuild starts from: a
            // failed build's changes are still changes to that one.
            var changed: [String] = []
            while true {
                changed = Array(Set(changed + watcher.next())).sorted()
                guard let good = rebuild(options, into: preview, watcher: watcher, changed: changed, after: lastGood) else { continue }
                lastGood = good
                changed = []
            }
        }

        /// One build in memory, re-rendering only the pages whose context differs from the last good
        /// build's; a failed one leaves the last good portal served, with its diagnostics over it in
        /// the browser. Returns the portal when the build succeeded.
        private func rebuild(_ options: BuildOptions, into preview: LivePreview, watcher: SourceWatcher, changed: [String],
                             after lastGood: RenderedPortal?) -> RenderedPortal? {
            let started = Date()
            let pipeline = BuildPipeline(options: options)
            let rendered = pipeline.render(checklists: checklists != nil, after: lastGood, changed: changed)
            watcher.watch(files: rendered.listFiles)
            report(rendered.result)
            guard rendered.result.succeeded else {
                preview.fail(lines: DiagnosticListing.lines(rendered.result.diagnostics))
                writeToStandardError("Build failed; still serving the last good portal.\n")
                return nil
            }
            let stylesheets = options.publicAssets.path + "/"
            let stylesheetsOnly = !changed.isEmpty && changed.allSatisfy { $0.hasPrefix(stylesheets) && $0.hasSuffix(".css") }
            preview.update(files: rendered.files, stylesheetsOnly: stylesheetsOnly)
            if checklists != nil {
                let problems = pipeline.publishChecklists(of: rendered)
                report(problems)
                if problems.isEmpty { say("Wrote the checklists into \(options.checklistsDisplay)") }
            }
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            let pages = rendered.files.keys.filter { $0.hasSuffix(".html") }.count
            say(changed.isEmpty ? "Built \(pages) pages in \(milliseconds) ms"
                                  : "Rebuilt \(pages) pages (\(rendered.counts.rendered) rendered, \(rendered.counts.reused) unchanged\(rendered.spliced ? ", only the edited texts read" : Self.linked(rendered.counts))) in \(milliseconds) ms after changes to \(Self.describe(changed))")
            return rendered
        }

        /// Starts the server on its own task and waits until it listens or fails (port taken).
        private static func start(_ server: HTTPServer) throws {
            let outcome = StartOutcome()
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await server.run()
                } catch {
                    outcome.set("\(error)")
                    done.signal()
                }
            }
            Task {
                do {
                    try await server.waitUntilListening(timeout: 10)
                } catch {
                    outcome.set("\(error)")
                }
                done.signal()
            }
            done.wait()
            if let failure = outcome.failure {
                writeToStandardError("error: cannot listen: \(failure)\n")
                throw ExitCode(2)
            }
        }

        /// Unbuffered, so each rebuild's line shows at once, also when the output is a file or a pipe.
        private func say(_ line: String) {
            try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
        }

        /// How many pages' texts the rebuild linked again (`LinkMemo`); the others it took as they were.
        private static func linked(_ counts: RenderCounts) -> String {
            guard let linked = counts.linked else { return "" }
            return ", \(linked) \(linked == 1 ? "page" : "pages") linked again"
        }

        private static func describe(_ paths: [String]) -> String {
            let names = paths.prefix(3).map { ($0 as NSString).lastPathComponent }
            return names.joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : "")
        }

        private static func openInBrowser(_ url: String) {
            let process = Process()
            #if os(macOS)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
            #else
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["xdg-open"]
            #endif
            process.arguments = (process.arguments ?? []) + [url]
            try? process.run()
        }

        private static func isIPv4(_ text: String) -> Bool {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
        }
    }
}

/// The first failure of the server's start, set from its tasks.
private final class StartOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var first: String?
    var failure: String? { lock.withLock { first } }
    func set(_ text: String) { lock.withLock { if first == nil { first = text } } }
}

/// Requests to the preview: the live-reload socket, or a file of the last good portal.
struct PreviewHandler: HTTPHandler {
    let preview: LivePreview

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if request.path == PreviewSite.socketPath {
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: ReloadSocket(preview: preview)))
                .handleRequest(request)
        }
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
        }
        let answer = preview.respond(to: request.target.rawValue)
        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrases[answer.status] ?? ""),
                            headers: headers, body: request.method == .HEAD ? Data() : answer.body)
    }

    static let phrases = [200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "Not Found"]
}

/// One open page's socket: it hears every `LivePreview.Message` until the page goes away.
struct ReloadSocket: WSMessageHandler {
    let preview: LivePreview

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (messages, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = preview.listen { message in continuation.yield(.text(message.json)) }
        let preview = preview
        Task {
            for await _ in client {}
            preview.stopListening(id)
            continuation.finish()
        }
        return messages
    }
}
