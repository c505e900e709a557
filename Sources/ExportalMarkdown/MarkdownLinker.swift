/// A 1-based line and column (in bytes, as cmark counts) in the Markdown source.
public struct MarkdownPosition: Sendable, Equatable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Where a run of text sits in the document.
public enum TextContext: Sendable {
    /// Ordinary prose: autolinking and explicit references apply.
    case prose
    /// Heading text, which is never linked.
    case heading
    /// The label of an existing link, which is never linked again.
    case linkLabel
}

/// A piece of replacement inline content. Text is escaped by cmark; `open` and `close` are raw HTML.
public enum InlineSpan: Sendable, Equatable {
    case text(String)
    case element(open: String, label: String, close: String)
}

/// A run of inline text handed to a linker: adjacent text nodes and soft line breaks
/// (which appear as "\n"), never code, raw HTML or anything inside a link.
public struct TextRun {
    public let text: String
    public let context: TextContext
    let locator: (Int, String) -> MarkdownPosition

    /// The source position of `needle`, which starts at `utf8Offset` in `text`.
    /// Escapes and entities make the source longer than the text, so the position is found by
    /// looking for the needle in the source line at or after the naive column.
    public func position(ofUTF8Offset utf8Offset: Int, needle: String) -> MarkdownPosition {
        locator(utf8Offset, needle)
    }
}

/// Decides what text and links become. Called once per text run and once per link, in
/// document order, so a linker can keep per-page state such as "term already linked".
public protocol MarkdownLinker {
    /// Replacement spans for the run, or nil to leave it exactly as it is.
    mutating func link(_ run: TextRun) -> [InlineSpan]?
    /// A new destination for a link written in the Markdown, or nil to keep it.
    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String?
}
