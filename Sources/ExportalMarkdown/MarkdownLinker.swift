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

/// A run of inline text handed to a linker: adjacent text nodes and soft line breaks
/// (which appear as "\n"), never code, raw HTML or anything inside a link.
///
/// Its bytes are the renderer's, valid only during the `link(_:into:)` call it is offered to: a
/// linker that keeps text copies it (`text`).
public struct TextRun {
    /// The run's text as UTF-8: linkers scan bytes, so the run never becomes a String unless one
    /// asks for `text`.
    public let utf8: UnsafeBufferPointer<UInt8>
    public let context: TextContext
    /// Where each text node starts in `utf8` and in the source, for `position`.
    let segments: [Segment]
    /// The document's source, which outlives every run of it.
    let source: SourceLines

    struct Segment {
        let offset: Int
        let line: Int
        let column: Int
    }

    public var text: String { String(decoding: utf8, as: UTF8.self) }

    /// The source position of `needle`, which starts at `utf8Offset` in `text`.
    /// Escapes and entities make the source longer than the text, so the position is found by
    /// looking for the needle in the source line at or after the naive column.
    public func position(ofUTF8Offset utf8Offset: Int, needle: String) -> MarkdownPosition {
        var needle = needle
        return needle.withUTF8 { position(ofUTF8Offset: utf8Offset, needle: $0) }
    }

    /// The source position of the run's own bytes `utf8[utf8Offset..<utf8Offset + length]`.
    public func position(ofUTF8Offset utf8Offset: Int, length: Int) -> MarkdownPosition {
        position(ofUTF8Offset: utf8Offset, needle: UnsafeBufferPointer(rebasing: utf8[utf8Offset..<(utf8Offset + length)]))
    }

    private func position(ofUTF8Offset offset: Int, needle: UnsafeBufferPointer<UInt8>) -> MarkdownPosition {
        let segment = segments.last(where: { $0.offset <= offset }) ?? segments[0]
        return source.locate(needle, line: segment.line, from: segment.column + offset - segment.offset)
    }
}

/// Decides what text and links become. Called once per text run and once per link, in
/// document order, so a linker can keep per-page state such as "term already linked".
public protocol MarkdownLinker {
    /// Writes the run's replacement into `output` and returns true, or returns false to leave the
    /// run exactly as it is (whatever was written is then dropped).
    mutating func link(_ run: TextRun, into output: inout LinkedRun) -> Bool
    /// A new destination for a link written in the Markdown, or nil to keep it.
    mutating func destination(forLink url: String, at position: MarkdownPosition) -> String?
}
