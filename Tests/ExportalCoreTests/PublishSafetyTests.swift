@testable import ExportalCore
import Foundation
import Testing

/// What a build may replace, and how: only folders exportal wrote, compared by real path, both
/// outputs together, and whatever an interrupted build left beside them finished or removed.
@Suite struct PublishSafetyTests {
    /// SmallSite with a second, distinguishable version: another title (every page) and another
    /// exporter name (its checklist).
    static func changed(_ site: FixtureSite) throws {
        try site.write("Content/site.yml", """
        title: Second Portal
        organisation: Test Association
        base_url: https://example.org/compliance/
        jurisdiction: eu
        """)
        let exporter = try site.read("Content/exporters/acme.yml")
        try site.write("Content/exporters/acme.yml", exporter.replacingOccurrences(of: "Acme Secret Machines GmbH", with: "Acme Renamed AG"))
    }

    func options(_ site: FixtureSite, output: String = "Output", checklists: String = "Checklists", content: String = "Content",
                 templates: String = "Templates") -> BuildOptions {
        var options = site.options(output: output)
        options.output = site.root.appendingPathComponent(output)
        options.checklists = site.root.appendingPathComponent(checklists)
        options.content = site.root.appendingPathComponent(content)
        options.templates = site.root.appendingPathComponent(templates)
        return options
    }

    func hidden(_ site: FixtureSite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }.sorted()
    }

    // MARK: 1. Only a folder exportal wrote is replaced

    @Test(arguments: ["output", "checklists"])
    func aRegularFileIsRefusedAndKept(_ flag: String) throws {
        let site = try FixtureSite(SmallSite.files)
        try site.write("notes.txt", "precious notes\n")
        let result = BuildPipeline(options: flag == "output" ? options(site, output: "notes.txt") : options(site, checklists: "notes.txt")).build()
        #expect(result.lines == [
            "--\(flag):1:1: error: '\(site.root.path)/notes.txt' is a file, not a folder; exportal writes into a folder of its own "
                + "and replaces it on every build, so it will not replace this file; choose another output folder",
        ])
        #expect(try site.read("notes.txt") == "precious notes\n")
        #expect(!site.exists("Output") && !site.exists("Checklists"))
        #expect(try hidden(site).isEmpty)
    }

    /// Refused before anything is read or written: the other output is not touched either.
    @Test func aForeignChecklistsFolderIsRefusedBeforeThePortalIsTouched() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let before = site.snapshot()
        try site.write("Mine/notes.txt", "precious")
        try Self.changed(site)
        let result = BuildPipeline(options: options(site, checklists: "Mine")).build()
        #expect(result.lines.first?.hasPrefix("--checklists:1:1: error: refusing to replace '\(site.root.path)/Mine': it is not empty") == true)
        #expect(site.snapshot() == before)
        #expect(try site.read("Mine/notes.txt") == "precious")
    }

    @Test func aFolderThatIsAFifoOrADanglingLinkIsRefused() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(mkfifo(site.root.appendingPathComponent("Pipe").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Dangling").path, withDestinationPath: "nowhere")
        #expect(BuildPipeline(options: options(site, output: "Pipe")).build().lines
            == ["--output:1:1: error: '\(site.root.path)/Pipe' is not a folder; choose another output folder"])
        for output in ["Dangling", "Dangling/Output"] {
            #expect(BuildPipeline(options: options(site, output: output)).build().lines
                == ["--output:1:1: error: '\(site.root.path)/Dangling' is a symbolic link to 'nowhere', which does not exist; point it at a folder or choose another output folder"])
        }
        #expect(try hidden(site).isEmpty)
    }

    // MARK: 2. Leftovers of interrupted builds; one build at a time

    /// What a build killed at each step leaves: staging and retired folders (also in the older
    /// `.Output.staging-PID` form) and a half-written journal. The next build removes them all.
    @Test func leftoversOfDeadBuildsAreRemoved() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        for name in [".Output.staging-4242", ".Output.previous-4242", ".Output.staging-77-0badcafe", ".Checklists.previous-77-1f",
                     ".Checklists.staging-77-2e"] {
            try site.write("\(name)/index.html", "stale")
        }
        try site.write(".Output.journal.tmp-77-0badcafe", "{")
        try site.write(".Output.staging-notours/keep.txt", "not a leftover name")
        #expect(site.build().succeeded)
        #expect(try hidden(site) == [".Output.staging-notours"])
    }

    /// A build that fails on its content still clears what a dead build left, since the next
    /// command is often a failing one.
    @Test func aFailingBuildAlsoClearsLeftovers() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        try site.write(".Output.staging-4242/index.html", "stale")
        try site.write("Content/glossary.yml", "terms: 3\n")
        #expect(!site.build().succeeded)
        #expect(try hidden(site).isEmpty)
    }

    /// While a build holds its lock, a second build into the same folder is refused and touches
    /// nothing, not even the first build's staging folder.
    @Test func aSecondBuildIntoTheSameFolderIsRefused() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let before = site.snapshot()
        let live = try PublishLock([OutputDestination.resolve(site.root.appendingPathComponent("Output"))])
        try site.write(".Output.staging-\(getpid())-abc/index.html", "being written")
        try Self.changed(site)
        let result = site.build()
        #expect(result.lines == ["\(site.root.path)/Output:1:1: error: another exportal build (process \(getpid())) is publishing into '\(site.root.path)/Output'; try again when it has finished"])
        #expect(site.snapshot() == before)
        #expect(try site.read(".Output.staging-\(getpid())-abc/index.html") == "being written")
        live.release()
        #expect(site.build().succeeded)
        #expect(try hidden(site).isEmpty)
    }

    /// A journal is the commit point: a build that finds one finishes that publication first,
    /// whichever of its exchanges had been made, so both outputs come from the journal's build.
    @Test(arguments: [0, 1, 2])
    func aJournalIsRolledForward(exchanged: Int) throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let old = (site.snapshot("Output"), site.snapshot("Checklists"))
        try Self.changed(site)
        #expect(site.build().succeeded)
        let new = (site.snapshot("Output"), site.snapshot("Checklists"))
        // Put the old outputs back and stage the new ones, as a build killed after its commit point left them.
        let manager = FileManager.default
        var entries: [PublishJournal.Entry] = []
        for (index, (name, files)) in [("Output", old.0), ("Checklists", old.1)].enumerated() {
            let destination = try OutputDestination.resolve(site.root.appendingPathComponent(name))
            let staging = destination.leftoverPath("staging", "9-ab")
            try manager.moveItem(atPath: destination.path, toPath: staging)
            for (path, data) in files { try site.write("\(name)/\(path)", data: data) }
            entries.append(.init(destination: destination.path, staging: staging, aside: destination.leftoverPath("previous", "9-ab"),
                                 staged: try #require(FolderSwap.identity(of: staging))))
            if index < exchanged { try FolderSwap.exchange(staging, destination.path, aside: entries[index].aside) }
        }
        try PublishJournal(entries: entries).write(to: site.root.appendingPathComponent(".Output.journal"), temporarySuffix: "9-ab")
        try site.write("Content/glossary.yml", "terms: 3\n")
        #expect(!site.build().succeeded)
        #expect(site.snapshot("Output") == new.0)
        #expect(site.snapshot("Checklists") == new.1)
        #expect(try hidden(site).isEmpty)
    }

    // MARK: 3. Checklists and portal change together

    /// A portal that cannot be staged (here its staging name is longer than a file name may be)
    /// leaves the checklists as they were: they were replaced first before.
    @Test func aPortalThatCannotBePublishedLeavesTheChecklists() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        let checklists = site.snapshot("Checklists")
        try Self.changed(site)
        let long = "Output" + String(repeating: "x", count: 234)
        let result = site.build(output: long)
        #expect(result.lines.first?.contains("File name too long") == true, "\(result.lines)")
        #expect(site.snapshot("Checklists") == checklists)
        #expect(!site.exists(long))
        #expect(try hidden(site).isEmpty)
    }

    // MARK: 4. Real paths

    /// `cp -r Content Output/src; ln -s Output/src Src; exportal build --content Src` deleted the
    /// content with the portal it replaced.
    @Test func contentReachedThroughALinkIntoTheOutputIsRefused() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        try FileManager.default.copyItem(at: site.root.appendingPathComponent("Content"), to: site.root.appendingPathComponent("Output/src"))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Src").path, withDestinationPath: "Output/src")
        let result = BuildPipeline(options: options(site, content: "Src")).build()
        #expect(result.lines == ["\(site.root.path)/Output:1:1: error: the output folder overlaps the content folder '\(site.root.path)/Output/src'; choose a separate output folder"])
        #expect(site.exists("Output/src/site.yml"))
    }

    @Test func templatesReachedThroughALinkIntoTheChecklistsAreRefused() throws {
        let site = try FixtureSite(SmallSite.files)
        #expect(site.build().succeeded)
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Templates"), to: site.root.appendingPathComponent("Checklists/t"))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Templates").path, withDestinationPath: "Checklists/t")
        let result = site.build()
        #expect(result.lines.first?.hasSuffix("error: the checklists folder overlaps the templates folder '\(site.root.path)/Checklists/t'; choose a separate checklists folder") == true)
        #expect(site.exists("Checklists/t/article.mustache"))
    }

    /// A linked output folder is followed: the portal is published into the folder the link
    /// names (staged beside it), and the link stays a link.
    @Test func aLinkedOutputIsPublishedIntoItsTarget() throws {
        let site = try FixtureSite(SmallSite.files)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("www/portal"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Output").path, withDestinationPath: "www/portal")
        #expect(site.build().succeeded)
        try Self.changed(site)
        #expect(site.build().succeeded)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.root.appendingPathComponent("Output").path) == "www/portal")
        #expect(try site.read("www/portal/index.html").contains("Second Portal"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("www").path) == ["portal"])
    }
}
