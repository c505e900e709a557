#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// `make bench-serve`: the authoring loop end to end. `exportal serve` and `hugo server` run side
/// by side on the same generated articles; each edit is a file saved on disk, and its latency the
/// time until the served page (fetched over HTTP on loopback every few milliseconds) first holds
/// the edit's marker word. The tools take turns, and turns at going first, so that a slow spell
/// of the machine falls on both.
public enum ServeBenchmark {
    public typealias Tool = BuildBenchmark.Tool

    public struct Options: Sendable {
        public var pages = 10_000
        /// Article edits per tool.
        public var edits = 20
        /// Glossary-definition edits (Exportal only), spread over the article edits; at most `edits`.
        public var glossaryEdits = 5
        public var exportal: String
        public var hugo = "hugo"
        public var sample: String
        public var templates: String
        public var publicAssets: String
        public var exportalPort: UInt16 = 18_313
        public var hugoPort: UInt16 = 18_314
        /// The longest wait for one page: the first one, or one edit's.
        public var timeout: Duration = .seconds(300)
        public var pollInterval: Duration = .milliseconds(5)

        public init(exportal: String, sample: String, templates: String, publicAssets: String) {
            self.exportal = exportal
            self.sample = sample
            self.templates = templates
            self.publicAssets = publicAssets
        }
    }

    public enum Edit: String, Sendable {
        case article = "article body"
        case glossary = "glossary definition (every page)"
    }

    /// Median, least and most of some latencies, in milliseconds.
    public struct Summary: Sendable, Equatable {
        public let count: Int
        public let median: Double
        public let min: Double
        public let max: Double

        public init?(_ milliseconds: [Double]) {
            guard !milliseconds.isEmpty else { return nil }
            count = milliseconds.count
            median = BuildBenchmark.median(milliseconds)
            min = milliseconds.min()!
            max = milliseconds.max()!
        }
    }

    public struct Row: Sendable {
        public let tool: Tool
        public let edit: Edit
        public let latency: Summary
        /// From the server's start to its first answer with the first article, in seconds.
        public let firstPage: Double
        /// VmHWM at the end of the run.
        public let peakRSS: Int
    }

    /// One server under measurement and where its articles are.
    final class Site {
        let tool: Tool
        let port: UInt16
        let content: URL
        let server: ServerProcess
        var firstPage: Double = 0
        var latencies: [Edit: [Double]] = [:]

        init(tool: Tool, port: UInt16, content: URL, server: ServerProcess) {
            self.tool = tool
            self.port = port
            self.content = content
            self.server = server
        }

        /// The article's file, relative to the site's folder.
        func file(of article: Int) -> URL { content.appendingPathComponent(String(format: "bench-article-%05d.md", article)) }

        /// The URL path of an article's page.
        func path(of article: Int) -> String {
            let slug = String(format: "bench-article-%05d", article)
            return tool == .exportal ? "/guidance/\(slug).html" : "/guidance/\(slug)/"
        }
    }

    /// Generates the articles, starts both servers one after the other (each building while the
    /// other is idle), then makes the edits; `progress` gets a line per step.
    public static func run(_ options: Options, progress: (String) -> Void = { _ in }) throws -> [Row] {
        let scratch = try ScratchFolder(prefix: "exportal-bench-serve")
        let signals = stopServersOnSignal(removing: scratch)
        defer { signals.forEach { $0.cancel() } }
        do {
            defer { scratch.remove() }
            defer { ServerProcess.stopAll() }
            return try run(options, in: scratch, progress: progress)
        } catch {
            // The servers' end, caused by the signal, failed the run: the signal's handler ends it.
            while interrupted.isSet { pause() }
            throw error
        }
    }

    private static func run(_ options: Options, in scratch: ScratchFolder, progress: (String) -> Void) throws -> [Row] {

        let sample = URL(fileURLWithPath: options.sample)
        var generator = try ArticleGenerator(sampleAt: sample)
        guard let term = generator.terms.first else { throw ServeEdits.Failure(description: "the sample glossary has no term") }
        let sites = try BuildSites.write((0..<options.pages).map { index in
            let article = generator.article(index)
            return ArticleGenerator.Article(index: index, title: article.title, summary: article.summary, date: article.date,
                                            tag: article.tag, body: ServeEdits.termSentence(term) + article.body)
        }, sample: sample, into: scratch.url)
        progress("Generated \(BuildTable.grouped(options.pages)) articles; every one names the glossary term '\(term)'.")

        for port in [options.exportalPort, options.hugoPort] where LoopbackHTTP.get(port: port, path: "/") != nil {
            throw ServeEdits.Failure(description: "something already answers on port \(port): choose another with --exportal-port or --hugo-port")
        }
        let exportal = Site(tool: .exportal, port: options.exportalPort, content: sites.exportalContent.appendingPathComponent("guidance"),
                            server: try ServerProcess([options.exportal, "serve", "--content", sites.exportalContent.path,
                                                       "--templates", options.templates, "--public", options.publicAssets,
                                                       "--port", "\(options.exportalPort)"],
                                                      log: scratch.url.appendingPathComponent("exportal-serve.log")))
        defer { exportal.server.stop() }
        try waitForFirstPage(exportal, options, progress)
        settle([exportal.server])
        let hugo = Site(tool: .hugo, port: options.hugoPort, content: sites.hugoSite.appendingPathComponent("content/guidance"),
                        server: try ServerProcess([options.hugo, "server", "--source", sites.hugoSite.path, "--bind", "127.0.0.1",
                                                   "--port", "\(options.hugoPort)", "--baseURL", "http://127.0.0.1:\(options.hugoPort)/",
                                                   "--appendPort=false", "--disableFastRender"],
                                                  log: scratch.url.appendingPathComponent("hugo-server.log")))
        defer { hugo.server.stop() }
        try waitForFirstPage(hugo, options, progress)

        let servers = [exportal.server, hugo.server]
        let glossary = sites.exportalContent.appendingPathComponent("glossary.yml")
        let glossaryText = try String(contentsOf: glossary, encoding: .utf8)
        let glossaryRounds = ServeEdits.glossaryRounds(edits: options.edits, glossaryEdits: options.glossaryEdits)
        // Far from the edited articles: the definition shows on every page.
        let glossaryProbe = options.pages - 1
        for round in 0..<options.edits {
            let article = ServeEdits.articleIndex(edit: round, of: options.edits, pages: options.pages)
            for site in round % 2 == 0 ? [exportal, hugo] : [hugo, exportal] {
                let file = site.file(of: article)
                let original = try String(contentsOf: file, encoding: .utf8)
                let marker = ServeEdits.marker(tool: site.tool.rawValue, edit: "article", number: round)
                try measure(site, .article, marker: marker, file: file, text: ServeEdits.article(original, marker: marker),
                            page: site.path(of: article), options, settling: servers, progress)
            }
            if glossaryRounds.contains(round) {
                let marker = ServeEdits.marker(tool: "exportal", edit: "glossary", number: round)
                try measure(exportal, .glossary, marker: marker, file: glossary,
                            text: ServeEdits.glossary(glossaryText, term: term, marker: marker),
                            page: exportal.path(of: glossaryProbe), options, settling: servers, progress)
            }
        }

        var rows: [Row] = []
        for site in [exportal, hugo] {
            guard let peak = site.server.peakRSS() else {
                throw ChildProcess.Failure(description: "\(site.tool.rawValue) ended before the end of the run:\n\(site.server.logTail())")
            }
            for edit in [Edit.article, .glossary] {
                if let latency = Summary(site.latencies[edit] ?? []) {
                    rows.append(Row(tool: site.tool, edit: edit, latency: latency, firstPage: site.firstPage, peakRSS: peak))
                }
            }
        }
        return rows
    }

    /// Polls the first article until it is served, and records the time since the start.
    private static func waitForFirstPage(_ site: Site, _ options: Options, _ progress: (String) -> Void) throws {
        _ = try poll(site, path: site.path(of: 0), marker: nil, since: site.server.started, options)
        site.firstPage = seconds(ContinuousClock.now - site.server.started)
        progress("\(site.tool.rawValue) served its first article \(String(format: "%.2f", site.firstPage)) s after it started.")
    }

    /// Once both servers are quiet: saves `text` into `file` and waits for `page` to show `marker`.
    private static func measure(_ site: Site, _ edit: Edit, marker: String, file: URL, text: String, page: String, _ options: Options,
                                settling servers: [ServerProcess], _ progress: (String) -> Void) throws {
        settle(servers)
        let saved = ContinuousClock.now
        try Data(text.utf8).write(to: file)
        let latency = try poll(site, path: page, marker: Data(marker.utf8), since: saved, options)
        site.latencies[edit, default: []].append(latency)
        progress("\(site.tool.rawValue), \(edit.rawValue) edit \(site.latencies[edit]!.count): \(String(format: "%.0f", latency)) ms")
    }

    /// GETs `path` every `pollInterval` until it answers 200 (with `marker` in it, when given);
    /// returns the milliseconds from `since` to that answer.
    private static func poll(_ site: Site, path: String, marker: Data?, since: ContinuousClock.Instant, _ options: Options) throws -> Double {
        while true {
            if let response = LoopbackHTTP.get(port: site.port, path: path), response.status == 200,
               marker.map({ response.body.range(of: $0) != nil }) ?? true {
                return seconds(ContinuousClock.now - since) * 1000
            }
            if let status = site.server.exitStatus() {
                throw ChildProcess.Failure(description: "\(site.tool.rawValue) ended (exit \(status)):\n\(site.server.logTail())")
            }
            if ContinuousClock.now - since > options.timeout {
                let waited = marker.map { "'\(String(decoding: $0, as: UTF8.self))' in \(path)" } ?? path
                throw ChildProcess.Failure(description: "\(site.tool.rawValue) did not serve \(waited) within \(options.timeout):\n\(site.server.logTail())")
            }
            usleep(UInt32(seconds(options.pollInterval) * 1_000_000))
        }
    }

    /// Waits until the servers have used at most 2 clock ticks of CPU (20 ms at 100 Hz) in a
    /// quarter of a second, or a minute has passed: work left over from one edit (Hugo renders
    /// on after it serves the edited page) must not fall on the next.
    static func settle(_ servers: [ServerProcess]) {
        func ticks() -> Int { servers.compactMap { $0.cpuTicks() }.reduce(0, +) }
        let deadline = ContinuousClock.now + .seconds(60)
        var last = ticks()
        while ContinuousClock.now < deadline {
            usleep(250_000)
            let now = ticks()
            if now - last <= 2 { return }
            last = now
        }
    }

    /// On SIGINT, SIGTERM or SIGHUP: stops the servers, removes the scratch folder and exits as a
    /// shell would say the signal ended it. Ctrl-C reaches the servers too (same process group);
    /// a signal sent to the benchmark alone would otherwise leave them listening.
    private static func stopServersOnSignal(removing scratch: ScratchFolder) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                interrupted.set()
                ServerProcess.stopAll()
                // The run's own clean-up may be removing the folder at the same time: each stops
                // at a file the other removed first, so this one tries until it is gone.
                for _ in 0..<50 where FileManager.default.fileExists(atPath: scratch.url.path) {
                    scratch.remove()
                    usleep(20_000)
                }
                exit(128 + number)
            }
            source.setCancelHandler { signal(number, SIG_DFL) }
            source.resume()
            return source
        }
    }

    static let interrupted = Flag()

    /// Set once, read from any thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
