import ExportalMarkdown
import Mustache

/// The escaping Mustache applies to `{{value}}` (`<`, `>`, `&`, `"`, `'`), done on UTF-8 bytes.
/// swift-mustache escapes Character by Character through a dictionary; thousands of party pages
/// spent a large share of their rendering there. The output is the same, byte for byte.
///
///     HTMLEscaping.escape("O'Brien & Sons")  // "O&#39;Brien &amp; Sons"
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        HTMLText.escape(text, apostrophe: true)
    }

    /// Put in front of every template as it is parsed, so `{{value}}` everywhere goes through this
    /// escaper rather than swift-mustache's default (a twelfth of a 10,000-page build's samples).
    /// On a line of its own, which Mustache drops whole (a standalone tag), so no output changes.
    /// A template's own `CONTENT_TYPE` pragma later in its text still wins.
    static let pragma = "{{% CONTENT_TYPE: HTML}}\n"

    /// Makes `{{% CONTENT_TYPE: HTML}}` in a template select this escaper. Call before parsing templates.
    static func register() {
        MustacheContentTypes.register(FastHTML(), named: "HTML")
    }

    struct FastHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }
}

/// A string prints as itself. Before printing a value, swift-mustache asks whether it is a
/// template, a custom-renderable value, a lambda, then an optional, and only then calls
/// `String(describing:)`: four dynamic casts for the commonest value there is, each over a
/// thousand instructions. A string that answers the second question stops there. What is printed
/// does not change: `String(describing:)` of a string is the string, and `isNull` stays false, so
/// a section over a string renders as before.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}
