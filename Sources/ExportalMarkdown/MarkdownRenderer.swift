import Foundation
import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for one Markdown rendering.
public struct MarkdownOptions: Sendable {
    /// Pass raw HTML through. Off by default: authors opt in from site.yml.
    public var allowRawHTML: Bool
    /// When the document opens with a level-1 heading whose text equals this title,
    /// that heading is dropped (the page template already renders the title as its h1).
    public var leadingTitle: String?

    public init(allowRawHTML: Bool = false, leadingTitle: String? = nil) {
        self.allowRawHTML = allowRawHTML
        self.leadingTitle = leadingTitle
    }
}

/// A heading found in a document, with the anchor the renderer gave it.
public struct MarkdownHeading: Sendable, Equatable {
    public let level: Int
    public let text: String
    public let anchor: String
    /// 1-based line and column in the Markdown source.
    public let line: Int
    public let column: Int

    public init(level: Int, text: String, anchor: String, line: Int, column: Int) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.line = line
        self.column = column
    }
}

/// A linker that changes nothing.
public struct NoLinker: MarkdownLinker {
    public init() {}
    public mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool { false }
    public mutating func destination(forLink url: String, at position: MarkdownPosition) -> String? { nil }
}

/// The result of rendering: Swift values only; no cmark pointer leaves this module.
public struct RenderedMarkdown: Sendable, Equatable {
    public let html: String
    public let headings: [MarkdownHeading]
    /// Plain text of the document (for excerpts and search), with block breaks as newlines.
    public let plainText: String
    /// What may not be published, such as a `javascript:` link, for the caller to report as errors.
    public let problems: [MarkdownProblem]
}

/// GitHub Flavored Markdown through libcmark-gfm.
///
///     let page = MarkdownRenderer.render("## Red flags\n\nA *cash* payment.")
///     page.html      // <h2 id="red-flags">Red flags</h2>\n<p>A <em>cash</em> payment.</p>\n
///     page.headings  // [MarkdownHeading(level: 2, text: "Red flags", anchor: "red-flags", ...)]
public enum MarkdownRenderer {
    public static func render(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        var linker = NoLinker()
        return render(source, options: options, linker: &linker)
    }

    /// Renders with `linker` deciding what text and links become (see `MarkdownLinker`).
    public static func render(_ source: String, options: MarkdownOptions, linker: inout some MarkdownLinker) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.allowRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(cmarkOptions) else { preconditionFailure("cmark_parser_new failed") }
        defer { cmark_parser_free(parser) }
        let document = parseLock.withLock {
            // Attaching writes the same table.
            for ext in syntaxExtensions { cmark_parser_attach_syntax_extension(parser, ext) }
            source.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
            return cmark_parser_finish(parser)
        }
        guard let document else { preconditionFailure("cmark_parser_finish failed") }
        defer { cmark_node_free(document) }
        let extensions = cmark_parser_get_syntax_extensions(parser)

        var tree = DocumentTree(document: document, options: cmarkOptions, extensions: extensions)
        tree.dropLeadingTitle(options.leadingTitle)
        let problems = tree.checkURLs(source: source, rawHTML: options.allowRawHTML)
        if !(linker is NoLinker) { tree.link(using: &linker, source: source) }
        let headings = tree.anchorHeadings()
        let taskLabels = tree.taskItemLabels()
        let plainText = tree.plainText()

        let html = titleFootnotes(labelTaskCheckboxes(tree.renderHTML(), labels: taskLabels))
        return RenderedMarkdown(html: html, headings: headings, plainText: plainText, problems: problems)
    }

    /// cmark-gfm's inline parser finds where text stops by a process-wide table of special
    /// characters. Each parse adds its extensions' characters (`~` for strikethrough, `:` and `w`
    /// for autolinks) when it starts parsing inlines and takes them out again when it ends
    /// (`process_inlines`, called by `cmark_parser_finish`), so a parse that ends while another is parsing drops them from the other's text: "~~old~~" stays
    /// text. Its public API has no other way to keep them, so parsing (feeding and finishing) is one
    /// document at a time; everything else a render does, from linking to writing HTML, is not.
    /// The 300-render test (`MarkdownConcurrencyTests`) loses extensions without this lock.
    private static let parseLock = NSLock()
    /// The core extensions register into a process-wide list: a global `let` registers them once,
    /// thread-safely, before the first lookup.
    private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()
    /// The GFM extensions every parser attaches, looked up once by name: each lookup made a C
    /// string of the name, and the parse figures counted it.
    nonisolated(unsafe) private static let syntaxExtensions: [OpaquePointer] = {
        _ = extensionsRegistered
        let names: [String] = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
        return names.compactMap { name in cmark_find_syntax_extension(name) }
    }()

    /// cmark-gfm's footnote section has no heading; give it one so the section is labelled for
    /// assistive technology and the outline stays complete.
    static func titleFootnotes(_ html: String) -> String {
        let open = "<section class=\"footnotes\" data-footnotes>\n"
        return ByteSearch.replaceOccurrences(of: open, in: html) { n in
            n == 0 ? open + "<h2 class=\"footnotes-title\">Footnotes</h2>\n" : nil
        }
    }

    /// cmark-gfm renders task-list checkboxes without a label; give each one the text of its item,
    /// in document order, so screen readers announce what is being ticked.
    static func labelTaskCheckboxes(_ html: String, labels: [String]) -> String {
        guard !labels.isEmpty else { return html }
        let marker = "<input type=\"checkbox\""
        return ByteSearch.replaceOccurrences(of: marker, in: html) { n in
            n < labels.count ? marker + " aria-label=\"\(HTMLText.escapeAttribute(labels[n]))\"" : nil
        }
    }
}
