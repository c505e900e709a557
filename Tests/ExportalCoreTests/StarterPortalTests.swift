import ExportalCore
import Foundation
import Testing

/// `exportal init`: the starter portal builds with one command and no diagnostic, is valid HTML,
/// keeps its exporter private, and init never writes into a folder that holds anything.
@Suite struct StarterPortalTests {
    let cli = CommandLineTests()

    /// A fresh temporary folder to init into (or beside).
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `exportal init` in the repository, so it copies the repository's Templates/ and Public/.
    func initPortal(_ folder: URL) throws -> CommandLineTests.Run {
        try cli.exportal(["init", folder.path], in: FixtureSite.repository)
    }

    func files(under url: URL) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func initWritesAPortalThatBuildsWithNoDiagnostic() throws {
        try cli.requireBinary()
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let portal = scratch.appendingPathComponent("larkspur")
        let made = try initPortal(portal)
        #expect(made.status == 0 && made.stderr == "", "\(made.stderr)")
        #expect(made.stdout == "Wrote a starter portal into \(portal.path). Build it with: cd \(portal.path) && exportal build\n")
        // Nothing but the portal is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["larkspur"])
        for folder in ["Templates", "Public"] {
            #expect(files(under: portal.appendingPathComponent(folder)) == files(under: FixtureSite.repository.appendingPathComponent(folder)))
        }

        let built = try cli.exportal(["build"], in: portal)
        #expect(built.status == 0)
        #expect(built.stderr == "", "the starter portal must build with 0 diagnostics:\n\(built.stderr)")
        #expect(built.stdout.hasPrefix("Built 15 pages"), "\(built.stdout)")
        let pages = files(under: portal.appendingPathComponent("Output")).filter { $0.hasSuffix(".html") }
        for page in ["index.html", "guidance/writing-guidance.html", "controls/sample-list/index.html", "controls/sample-list/5A002.html",
                     "controls/sample-list/6A003.html", "training/export-control-basics/index.html",
                     "training/export-control-basics/what-is-controlled.html", "training/export-control-basics/quiz.html",
                     "glossary.html", "a-z.html"] {
            #expect(pages.contains(page), "\(page) is missing from \(pages)")
        }
        let checklist = try String(contentsOf: portal.appendingPathComponent("Checklists/example-exporter/index.html"), encoding: .utf8)
        #expect(checklist.contains("Fernwood Sensor Systems GmbH"))
        #expect(checklist.contains("Licence required"))
        // The sample article's code and term became links.
        let article = try String(contentsOf: portal.appendingPathComponent("Output/guidance/writing-guidance.html"), encoding: .utf8)
        #expect(article.contains(#"href="../controls/sample-list/5A002.html""#))
        // The profile stays private.
        for path in pages {
            let html = try String(contentsOf: portal.appendingPathComponent("Output/\(path)"), encoding: .utf8)
            for secret in ["Fernwood", "Sakuragawa", "FW-Link"] { #expect(!html.contains(secret), "\(path) holds '\(secret)'") }
        }
    }

    @Test func initRefusesAFolderThatHoldsAnythingAndAFile() throws {
        try cli.requireBinary()
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let full = scratch.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: full.appendingPathComponent(".hidden"))
        let refused = try initPortal(full)
        #expect(refused.status == 1 && refused.stdout == "")
        #expect(refused.stderr == """
            \(full.path):1:1: error: '\(full.path)' is not empty; init writes only into a new or empty folder and never overwrites (choose a new folder name)
            1 error, 0 warnings

            """)
        #expect(files(under: full) == [".hidden"])

        let file = scratch.appendingPathComponent("notes.txt")
        try Data("keep\n".utf8).write(to: file)
        let onFile = try initPortal(file)
        #expect(onFile.status == 1)
        #expect(onFile.stderr.hasPrefix("\(file.path):1:1: error: '\(file.path)' is a file;"))
        #expect(try Data(contentsOf: file) == Data("keep\n".utf8))

        // Templates to copy that are missing: nothing is written at all.
        let missing = try cli.exportal(["init", scratch.appendingPathComponent("new").path], in: scratch)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("Templates:1:1: error: --templates folder 'Templates' not found"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["full", "notes.txt"])
    }

    @Test func initFillsAnEmptyFolder() throws {
        try cli.requireBinary()
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let made = try initPortal(scratch)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("Content/site.yml").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.deletingLastPathComponent().path)
            .filter { $0.contains(".exportal-init-") } == [])
    }

    /// The Nu HTML checker over every page and the checklist of the starter portal: 0 errors.
    @Test func starterPortalIsValidHTML() throws {
        try cli.requireBinary()
        guard let jar = ProcessInfo.processInfo.environment["EXPORTAL_VNU_JAR"], !jar.isEmpty,
              FileManager.default.fileExists(atPath: jar) else {
            Issue.record("EXPORTAL_VNU_JAR is not set to vnu.jar; run the suite with `make test`, which installs it")
            return
        }
        let scratch = try scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let portal = scratch.appendingPathComponent("portal")
        #expect(try initPortal(portal).status == 0)
        #expect(try cli.exportal(["build"], in: portal).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["java", "-jar", jar, "--errors-only", "--skip-non-html",
                             portal.appendingPathComponent("Output").path, portal.appendingPathComponent("Checklists").path]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let messages = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && messages.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "vnu reported errors:\n\(messages)")
    }
}
