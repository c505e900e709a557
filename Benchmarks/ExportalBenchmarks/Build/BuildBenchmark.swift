import Foundation

/// `make bench-build`: the same generated articles built by Exportal (the release binary, as a
/// user runs it) and by Hugo, alternately in one run, each measured from outside as a child
/// process. One `Row` per tool and page count, with the medians of the runs.
public enum BuildBenchmark {
    public struct Options: Sendable {
        public var pages: [Int] = [1_000, 10_000, 50_000]
        public var runs = 3
        public var exportal: String
        public var hugo = "hugo"
        /// The `exportal-bench` executable, whose `measure` subcommand runs each build (see `ChildProcess`).
        public var helper = "/proc/self/exe"
        /// The sample content folder whose lists, glossary, training, parties and rules the Exportal tree copies.
        public var sample: String
        public var templates: String
        public var publicAssets: String

        public init(exportal: String, sample: String, templates: String, publicAssets: String) {
            self.exportal = exportal
            self.sample = sample
            self.templates = templates
            self.publicAssets = publicAssets
        }
    }

    public enum Tool: String, Sendable { case exportal = "Exportal", hugo = "Hugo" }

    public struct Row: Sendable {
        public let pages: Int
        public let tool: Tool
        /// Medians over the runs.
        public let wall: Double
        public let cpu: Double
        public let peakRSS: Int
        public let outputBytes: Int
        public let htmlFiles: Int
        /// Exportal's cross-reference file; nil for Hugo.
        public let xrefBytes: Int?

        public var pagesPerSecond: Double { Double(pages) / wall }
    }

    /// Generates each page count's articles once, then builds with each tool `runs` times, taking
    /// turns (and turns at going first), so that a slow spell of the machine falls on both.
    /// `progress` is called with each page count's two rows as soon as they are measured.
    public static func run(_ options: Options, progress: ([Row]) -> Void = { _ in }) throws -> [Row] {
        let sample = URL(fileURLWithPath: options.sample)
        var rows: [Row] = []
        for pages in options.pages {
            let scratch = try ScratchFolder(prefix: "exportal-bench-build")
            defer { scratch.remove() }
            var generator = try ArticleGenerator(sampleAt: sample)
            let articles = (0..<pages).map { generator.article($0) }
            let sites = try BuildSites.write(articles, sample: sample, into: scratch.url)
            let output = [Tool.exportal: scratch.url.appendingPathComponent("exportal-output"),
                          .hugo: scratch.url.appendingPathComponent("hugo-output")]
            let commands: [Tool: [String]] = [
                .exportal: [options.exportal, "build", "--content", sites.exportalContent.path, "--templates", options.templates,
                            "--public", options.publicAssets, "--output", output[.exportal]!.path,
                            "--checklists", scratch.url.appendingPathComponent("exportal-checklists").path],
                .hugo: [options.hugo, "--source", sites.hugoSite.path, "--destination", output[.hugo]!.path, "--quiet"],
            ]
            var usages: [Tool: [ChildProcess.Usage]] = [:]
            for run in 0..<max(1, options.runs) {
                for tool in run % 2 == 0 ? [Tool.exportal, .hugo] : [.hugo, .exportal] {
                    // Every run builds from nothing, as a first build or a CI build does.
                    try? FileManager.default.removeItem(at: output[tool]!)
                    let log = scratch.url.appendingPathComponent("\(tool.rawValue).log")
                    let usage = try ChildProcess.measured(commands[tool]!, helper: options.helper, log: log)
                    guard usage.status == 0 else {
                        let tail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(20).joined(separator: "\n") ?? ""
                        throw ChildProcess.Failure(description: "\(tool.rawValue) failed (exit \(usage.status)) at \(pages) pages:\n\(tail)")
                    }
                    usages[tool, default: []].append(usage)
                }
            }
            let measured = try [Tool.exportal, .hugo].map { tool in
                let written = try OutputFiles(output[tool]!)
                let runs = usages[tool]!
                return Row(pages: pages, tool: tool, wall: median(runs.map(\.wall)), cpu: median(runs.map(\.cpu)),
                           peakRSS: Int(median(runs.map { Double($0.peakRSS) })), outputBytes: written.totalBytes,
                           htmlFiles: written.files.filter { $0.path.hasSuffix(".html") }.count,
                           xrefBytes: tool == .exportal ? written.bytes(of: "xref.json") : nil)
            }
            progress(measured)
            rows += measured
        }
        return rows
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
