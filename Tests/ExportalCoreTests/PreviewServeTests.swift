import Foundation
import Testing
@testable import ExportalCore

/// `exportal serve`'s request handling, on a small portal in memory: what may be asked for, what
/// comes back, and that the live-reload script is added only to served pages, never to a build.
@Suite struct PreviewServeTests {
    let site = PreviewSite(files: [
        "index.html": Data("<!DOCTYPE html><html><body><p>Home</p></body></html>".utf8),
        "404.html": Data("<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>".utf8),
        "guidance/index.html": Data("<html><body>Guidance</body></html>".utf8),
        "guidance/record keeping.html": Data("<html><BODY>Records</BODY></html>".utf8),
        "assets/style.1a2b3c4d.css": Data("body{}".utf8),
        "assets/search.js": Data("1".utf8),
        "search/index-0.json": Data("{}".utf8),
        "favicon.svg": Data("<svg/>".utf8),
        "sitemap.xml": Data("<urlset/>".utf8),
    ], generation: 7)

    @Test func pathsThatTryToLeaveThePortalAreRefused() {
        for target in ["/../etc/passwd", "/guidance/../../etc/passwd", "/%2e%2e/etc/passwd", "/guidance/%2E%2E/%2e%2e/x",
                       "/..%2fetc/passwd", "/guidance/..", "/./index.html", "/guidance//index.html", "/a%5c..%5cb",
                       "/index.html%00.css", "/%zz", "relative.html", "/..\\etc"] {
            #expect(site.respond(to: target).status == 400, "\(target)")
        }
    }

    @Test func filesAreFoundWithTheirContentTypes() {
        let expected = [
            "/": "text/html; charset=utf-8", "/index.html": "text/html; charset=utf-8",
            "/guidance/": "text/html; charset=utf-8", "/guidance/record%20keeping.html?q=1#top": "text/html; charset=utf-8",
            "/assets/style.1a2b3c4d.css": "text/css; charset=utf-8", "/assets/search.js": "text/javascript; charset=utf-8",
            "/search/index-0.json": "application/json", "/favicon.svg": "image/svg+xml", "/sitemap.xml": "application/xml",
            PreviewSite.scriptPath: "text/javascript; charset=utf-8",
        ]
        for (target, type) in expected {
            let response = site.respond(to: target)
            #expect(response.status == 200, "\(target)")
            #expect(response.headers["Content-Type"] == type, "\(target)")
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
        }
        #expect(site.respond(to: "/assets/style.1a2b3c4d.css").body == Data("body{}".utf8))
        #expect(PreviewSite.contentType(of: "notes/README") == "application/octet-stream")
    }

    @Test func aMissingPageIsTheNotFoundPageWithStatus404() throws {
        for target in ["/nope.html", "/guidance/missing/", "/assets/style.css", "/__exportal/other"] {
            let response = site.respond(to: target)
            #expect(response.status == 404, "\(target)")
            #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
            #expect(String(decoding: response.body, as: UTF8.self).contains("<h1>Page not found</h1>"))
        }
        let bare = PreviewSite(files: [:], generation: 1).respond(to: "/x")
        #expect(bare.status == 404 && bare.headers["Content-Type"] == "text/plain; charset=utf-8")
    }

    @Test func aFolderWithoutItsSlashIsRedirected() {
        let response = site.respond(to: "/guidance")
        #expect(response.status == 301)
        #expect(response.headers["Location"] == "/guidance/")
    }

    @Test func theScriptGoesBeforeTheLastBodyEndOfHTMLOnly() {
        let tag = "<script src=\"/__exportal/live-reload.js\" data-generation=\"7\" defer></script>\n"
        #expect(String(decoding: site.respond(to: "/").body, as: UTF8.self)
                == "<!DOCTYPE html><html><body><p>Home</p>\(tag)</body></html>")
        #expect(String(decoding: site.respond(to: "/guidance/record%20keeping.html").body, as: UTF8.self)
                == "<html><BODY>Records\(tag)</BODY></html>")
        #expect(String(decoding: site.respond(to: "/missing").body, as: UTF8.self).contains(tag))
        #expect(site.respond(to: "/favicon.svg").body == Data("<svg/>".utf8))
        #expect(site.respond(to: "/sitemap.xml").body == Data("<urlset/>".utf8))
    }

    /// The sample, built and rendered for serve: the render in memory is the build's output byte
    /// for byte, with no checklists; the script is in what serve sends and in no file of either.
    @Test func onlyServeAddsTheScript() throws {
        let root = FixtureSite.repository, output = FileManager.default.temporaryDirectory
            .appendingPathComponent("exportal-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = BuildOptions(content: root.appendingPathComponent("Content").path,
                                   templates: root.appendingPathComponent("Templates").path,
                                   publicAssets: root.appendingPathComponent("Public").path,
                                   output: output.appendingPathComponent("portal").path,
                                   checklists: output.appendingPathComponent("checklists").path)
        let rendered = BuildPipeline(options: options).render()
        #expect(rendered.result.succeeded)
        #expect(rendered.checklists.isEmpty)
        #expect(BuildPipeline(options: options).build().succeeded)
        let portal = output.appendingPathComponent("portal")
        let built = try FileManager.default.subpathsOfDirectory(atPath: portal.path).filter { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: portal.appendingPathComponent(path).path, isDirectory: &folder)
                && !folder.boolValue && !path.hasPrefix(".")
        }
        #expect(Set(built) == Set(rendered.files.keys))
        for path in built {
            #expect(try Data(contentsOf: portal.appendingPathComponent(path)) == rendered.files[path], "\(path)")
            #expect(!String(decoding: rendered.files[path]!, as: UTF8.self).contains("__exportal"), "\(path)")
        }
        let pages = rendered.files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 50)
        let served = PreviewSite(files: rendered.files, generation: 1)
        for path in pages.keys.sorted().prefix(20) {
            let body = String(decoding: served.respond(to: "/" + path).body, as: UTF8.self)
            #expect(body.contains(PreviewSite.scriptPath), "\(path)")
        }
    }

    /// `serve --checklists DIR`: the checklists a build would write (HTML and JSON), swapped into
    /// DIR whole; never into a source folder.
    @Test func serveWritesChecklistsOnlyWhereAskedAndAsABuildDoes() throws {
        let root = FixtureSite.repository, scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("exportal-serve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        func options(checklists: String) -> BuildOptions {
            BuildOptions(content: root.appendingPathComponent("Content").path, templates: root.appendingPathComponent("Templates").path,
                         publicAssets: root.appendingPathComponent("Public").path, output: scratch.appendingPathComponent("portal").path,
                         checklists: checklists)
        }
        let wanted = options(checklists: scratch.appendingPathComponent("checklists").path)
        let rendered = BuildPipeline(options: wanted).render(checklists: true)
        #expect(rendered.result.succeeded && !rendered.checklists.isEmpty)
        #expect(BuildPipeline(options: wanted).publishChecklists(of: rendered).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.appendingPathComponent("portal").path), "serve wrote the portal")
        let folder = scratch.appendingPathComponent("checklists")
        for (path, data) in rendered.checklists {
            #expect(try Data(contentsOf: folder.appendingPathComponent(path)) == data, "\(path)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("keller-maschinen/checklist.json").path))
        // Written again after the next build: replaced whole, not added to.
        #expect(BuildPipeline(options: wanted).publishChecklists(of: rendered).isEmpty)

        let inside = options(checklists: root.appendingPathComponent("Content/checklists").path)
        let refused = BuildPipeline(options: inside).publishChecklists(of: rendered)
        #expect(refused.map(\.message).contains { $0.contains("overlaps the content folder") }, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Content/checklists").path))
    }

    @Test func theLastGoodPortalStaysServedWhileABuildFails() {
        let preview = LivePreview()
        let heard = Heard()
        _ = preview.listen { heard.add($0) }
        preview.update(files: ["index.html": Data("<body>one</body>".utf8)], stylesheetsOnly: false)
        preview.fail(lines: ["Content/guidance/a.md:2:7: error: <b>bad</b>"])
        #expect(String(decoding: preview.respond(to: "/").body, as: UTF8.self).contains("one"))
        preview.update(files: ["index.html": Data("<body>two</body>".utf8)], stylesheetsOnly: true)
        #expect(heard.messages.map(\.kind) == ["build", "build", "errors", "build"])
        #expect(heard.messages.map(\.generation) == [0, 1, 1, 2])
        #expect(heard.messages[2].lines == ["Content/guidance/a.md:2:7: error: <b>bad</b>"])
        #expect(heard.messages[3].stylesheetsOnly)
        #expect(String(decoding: preview.respond(to: "/").body, as: UTF8.self).contains("two"))
    }

    @Test func theOverlayShowsDiagnosticsAsTextNeverAsHTML() {
        #expect(LiveReloadScript.source.contains("overlay.textContent ="))
        #expect(!LiveReloadScript.source.contains("innerHTML"))
        #expect(!LiveReloadScript.source.contains("insertAdjacentHTML"))
    }
}

private final class Heard: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [LivePreview.Message] = []
    var messages: [LivePreview.Message] { lock.withLock { list } }
    func add(_ message: LivePreview.Message) { lock.withLock { list.append(message) } }
}
