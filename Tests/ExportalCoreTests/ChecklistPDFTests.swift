import ExportalCore
import Foundation
import Testing

/// Prints a checklist with headless Chromium and reads the PDF back with poppler. `make test`
/// installs both (Debian: chromium, poppler-utils).
@Suite struct ChecklistPDFTests {
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func printedChecklistHasRunningHeaderAndPageNumbersOnEveryPage() throws {
        guard Self.tool("chromium") ?? Self.tool("chromium-browser") ?? Self.tool("google-chrome") != nil,
              let pdftotext = Self.tool("pdftotext"), let pdfinfo = Self.tool("pdfinfo") else {
            Issue.record("Chromium and poppler-utils are needed; run the suite with `make test`, which installs them")
            return
        }
        let site = try FixtureSite(ChecklistSite.files)
        var options = site.options(buildDate: "2026-11-26")
        options.pdf = true
        let result = BuildPipeline(options: options).build()
        #expect(result.succeeded, "\(result.lines)")
        let pdf = site.root.appendingPathComponent("Checklists/acme/checklist.pdf").path
        let info = try Self.run(pdfinfo, [pdf])
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") })
        #expect(pages > 1)
        #expect(info.contains("(A4)"))
        for page in 1...pages {
            let text = try Self.run(pdftotext, ["-f", "\(page)", "-l", "\(page)", "-layout", pdf, "-"])
            #expect(text.contains("page \(page) of \(pages)"), "page \(page) lacks its footer")
            #expect(text.contains("Acme CANARY-NAME-7f3a GmbH"), "page \(page) lacks the exporter's name")
        }
        // The portal is untouched by printing: no PDF in it.
        #expect(!site.snapshot("Output").keys.contains { $0.hasSuffix(".pdf") })
    }

    @Test func missingChromiumIsAClearErrorBeforeAnythingIsWritten() throws {
        let site = try FixtureSite(ChecklistSite.files)
        var options = site.options()
        options.pdf = true
        options.chromium = "/nonexistent/chromium"
        let result = BuildPipeline(options: options).build()
        #expect(result.lines == ["/nonexistent/chromium:1:1: error: '/nonexistent/chromium' is not an executable Chromium (install Chromium (apt-get install chromium) or pass --chromium PATH)"])
        #expect(!site.exists("Output") && !site.exists("Checklists"))
    }
}
