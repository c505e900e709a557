import ExportalCore
import Foundation
import Testing

/// The manual (README.md and docs/*.md) is documentation users copy from: its file examples
/// must load as a valid site, field for field, and its command transcripts must print what
/// they show. Each test counts what it found, so a renamed heading cannot pass by finding none.
@Suite struct ReadmeExampleTests {
    /// One fenced block of the manual, with the file and the nearest heading above it.
    struct Example {
        let file: String
        let heading: String
        let text: String
    }

    /// The user manual: README.md and the topic pages directly in docs/ (not docs/dev/, whose
    /// notes show developer commands such as benchmarks that are not meant to run in a test).
    static func manualFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: FixtureSite.repository.appendingPathComponent("docs").path)
        return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    }

    /// Every fenced block in the manual, in file order.
    static func examples() throws -> [Example] {
        var result: [Example] = []
        for file in try manualFiles() {
            let text = try String(contentsOf: FixtureSite.repository.appendingPathComponent(file), encoding: .utf8)
            var heading = ""
            var block: [Substring]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") {
                    if let open = block {
                        result.append(Example(file: file, heading: heading, text: open.joined(separator: "\n") + "\n"))
                        block = nil
                    } else {
                        block = []
                    }
                } else if block != nil {
                    block?.append(line)
                } else if line.hasPrefix("#") {
                    heading = String(line.drop { $0 == "#" }.drop { $0 == " " })
                }
            }
        }
        return result
    }

    @Test func formatReferenceExamplesBuildCleanly() throws {
        let examples = try Self.examples().filter { $0.file == "docs/content-format.md" }
        var used = 0
        func example(_ heading: String, _ index: Int = 0) throws -> String {
            let blocks = examples.filter { $0.heading.hasPrefix(heading) }
            try #require(blocks.count > index, "docs/content-format.md has no example \(index + 1) under a heading \(heading)")
            used += 1
            return blocks[index].text
        }
        let site = try FixtureSite("")
        try site.write("Content/site.yml", try example("`site.yml`"))
        try site.write("Content/guidance/end-use-checks.md", try example("`guidance/"))
        try site.write("Content/controls/eu-dual-use/list.yml", try example("`controls/<list-id>/list.yml`"))
        try site.write("Content/controls/eu-dual-use/information-security.yml", try example("Control entries"))
        try site.write("Content/training/screening-basics/module.yml", try example("`training/<module-id>/module.yml`"))
        let lesson = try example("`training/<module-id>/module.yml`", 1)
        for slug in ["why-screen", "running-a-screen", "handling-a-hit"] {
            try site.write("Content/training/screening-basics/\(slug).md", lesson)
        }
        try site.write("Content/training/screening-basics/quiz.yml", try example("`training/<module-id>/quiz.yml`"))
        try site.write("Content/glossary.yml", try example("`glossary.yml`"))
        try site.write("Content/exporters/keller.yml", try example("`exporters/"))
        try site.write("Content/rules/eu.yml", try example("`rules/"))
        try site.write("Content/parties/northbridge-watchlist/list.yml", try example("`parties/"))
        #expect(used == 11)
        let result = site.build()
        #expect(result.lines == [])
        #expect(site.exists("Output/controls/eu-dual-use/5A002.html"))
        #expect(site.exists("Output/parties/northbridge-watchlist/nb-001.html"))
    }

    /// Getting started writes a `site.yml` and a first article into a folder of one's own:
    /// the two must build with no diagnostic, into a portal that has the article.
    @Test func gettingStartedSiteBuildsCleanly() throws {
        let blocks = try Self.examples().filter { $0.file == "docs/getting-started.md" && $0.heading == "Your own content" }
        try #require(blocks.count == 3, "\(blocks.map(\.text))")
        let site = try FixtureSite("")
        try site.write("Content/site.yml", blocks[0].text)
        try site.write("Content/guidance/getting-a-licence.md", blocks[1].text)
        #expect(blocks[2].text.contains("exportal build --content my-content"))
        #expect(site.build().lines == [])
        #expect(try site.read("Output/guidance/getting-a-licence.html").contains("Apply to your national competent authority"))
    }

    /// A block whose first line is `$ exportal ...` is run in the repository root, on the sample
    /// content, and must print its other lines. A shown line ending in `...` stands for any line
    /// that starts with the text before it; output may go on past the last shown line only
    /// when that line ends in `...`.
    @Test func commandTranscriptsPrintWhatTheyShow() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary.path),
                     "build the executable first (swift build); `make test` does")
        let transcripts = try Self.examples().filter { $0.text.hasPrefix("$ exportal ") }
        #expect(transcripts.count == 4, "\(transcripts.map { "\($0.file): \($0.heading)" })")
        for transcript in transcripts {
            var lines = transcript.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            let command = lines.removeFirst()
            let arguments = try #require(Self.shellWords(String(command.dropFirst("$ exportal ".count))))
            let run = try CommandLineTests().exportal(arguments, in: FixtureSite.repository)
            let where_ = "\(transcript.file), under '\(transcript.heading)': \(command)"
            #expect(run.status == 0, "\(where_)\n\(run.stderr)")
            var printed = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if printed.last == "" { printed.removeLast() }
            #expect(printed.count >= lines.count, "\(where_) printed:\n\(run.stdout)")
            for (shown, actual) in zip(lines, printed) {
                let matches = shown.hasSuffix("...") ? actual.hasPrefix(shown.dropLast(3)) : actual == shown
                #expect(matches, "\(where_)\nshown:   \(shown)\nprinted: \(actual)")
            }
            if let last = lines.last, !last.hasSuffix("...") {
                #expect(printed.count == lines.count, "\(where_) printed more than shown:\n\(run.stdout)")
            }
        }
    }

    /// Splits a command line as a shell would for the plain words and double-quoted strings the
    /// manual uses; nil for anything else (single quotes, escapes, variables), so such an
    /// example fails rather than runs with other arguments than a reader's shell would pass.
    static func shellWords(_ line: String) -> [String]? {
        guard !line.contains(where: { "'\\$`".contains($0) }) else { return nil }
        var words: [String] = []
        var word: String?
        var quoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                word = word ?? ""
            } else if character == " ", !quoted {
                if let done = word { words.append(done) }
                word = nil
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if let done = word { words.append(done) }
        return quoted ? nil : words
    }
}
