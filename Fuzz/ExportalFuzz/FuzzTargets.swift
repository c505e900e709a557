@testable import ExportalCore
import ExportalDomain
import ExportalMarkdown
import Foundation

/// One fuzzed input path: a name (`EXPORTAL_FUZZ_TARGET`, the seed folder `Fuzz/Seeds/<name>`)
/// and what is done with each input. A target only has to run without crashing: every reader
/// turns bad input into diagnostics, so a trap, a stack overflow or a sanitizer report is a bug.
struct FuzzTarget {
    let name: String
    let run: @Sendable ([UInt8]) -> Void
}

enum FuzzTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(name: "markdown", run: markdownArticle),
        FuzzTarget(name: "un-xml") { _ = UNListReader.read(source("un.xml", $0)) },
        FuzzTarget(name: "eu-fsf-xml") { _ = EUFSFReader.read(source("eu.xml", $0)) },
        FuzzTarget(name: "csl-csv") { _ = CSLReader.read(source("csl.csv", $0)) },
        FuzzTarget(name: "bis-dpl") { _ = DPLReader.read(source("dpl.txt", $0)) },
        FuzzTarget(name: "native-csv") { _ = NativePartyCSVReader.read(source("parties.csv", $0)) },
        FuzzTarget(name: "ofac-sdn-csv", run: sdnFiles),
    ]

    static func source(_ name: String, _ bytes: some Collection<UInt8>) -> PartySource {
        PartySource(display: name, bytes: Array(bytes))
    }

    /// The link targets of a small generated content set (the linking benchmark's), made once, so
    /// that articles are rendered with the cross-linker as the build renders them: its C part
    /// rewrites cmark's text nodes in place.
    nonisolated(unsafe) static let linkTargets: LinkTargets = {
        var corpus = Corpus(pages: 12, entries: 12, terms: 24)
        return LinkTargets(corpus.content())
    }()

    /// The path an article takes: decoded as `SourceFile.read` decodes a file, front matter split
    /// off and parsed as YAML into the guidance fields, the body rendered by cmark-gfm and linked
    /// by `CrossLinker`. The first byte's low bit picks whether raw HTML is allowed, so both
    /// modes are fuzzed.
    static func markdownArticle(_ bytes: [UInt8]) {
        guard let flags = bytes.first, SourceFile.firstInvalidUTF8(in: Data(bytes.dropFirst())) == nil else { return }
        var text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let file = SourceFile(path: "guidance/fuzz.md", text: text.replacingOccurrences(of: "\r\n", with: "\n"))
        let report = DiagnosticSink()
        var title: String?
        let body: MarkdownSource
        if let front = FrontMatter.split(file, report: report) {
            if let root = YAMLDocument.parse(front.yaml, file: file.path, firstLine: front.yamlFirstLine, report: report),
               let map = root.mapping("front matter", fields: ["title", "summary", "tags", "audience", "updated", "draft", "related"]) {
                title = map.requiredString("title")
                _ = map["updated"].flatMap { $0.date("'updated'") }
                _ = map["related"]?.strings("'related'")
                _ = map.optionalBool("draft", default: false)
            }
            body = front.body
        } else {
            body = MarkdownSource(text: file.text, file: file.path, firstLine: 1)
        }
        let session = LinkSession(targets: linkTargets, report: report, contentDisplayPath: "Content")
        let state = PageLinkState(page: PageRef(path: PortalPaths.article("fuzz"), title: title ?? "Fuzz", kind: .guidance))
        var linker = CrossLinker(session: session, state: state, source: body)
        _ = MarkdownRenderer.render(body.text, options: MarkdownOptions(allowRawHTML: flags & 1 == 1, leadingTitle: title), linker: &linker)
    }

    /// The OFAC set is four files: the input is split at lines `@@alt`, `@@add` and `@@comments`
    /// (the seeds have them), the part before the first being `sdn.csv`.
    static func sdnFiles(_ bytes: [UInt8]) {
        var parts: [String: ArraySlice<UInt8>] = [:]
        var role = "sdn", start = 0, i = 0
        while i < bytes.count {
            if (i == 0 || bytes[i - 1] == 0x0A) && bytes[i] == UInt8(ascii: "@") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "@") {
                let end = bytes[i...].firstIndex(of: 0x0A) ?? bytes.count
                let next = String(decoding: bytes[(i + 2)..<end], as: UTF8.self)
                if ["alt", "add", "comments"].contains(next) && parts[next] == nil {
                    parts[role] = bytes[start..<i]
                    role = next
                    start = min(bytes.count, end + 1)
                    i = start
                    continue
                }
            }
            i += 1
        }
        parts[role] = bytes[start...]
        _ = OFACSDNReader.read(sdn: source("sdn.csv", parts["sdn"] ?? []), alt: parts["alt"].map { source("alt.csv", $0) },
                               add: parts["add"].map { source("add.csv", $0) }, comments: parts["comments"].map { source("sdn_comments.csv", $0) })
    }
}
