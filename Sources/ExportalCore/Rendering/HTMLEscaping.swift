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

    /// Makes `{{% CONTENT_TYPE: HTML}}` in a template select this escaper. Templates without the
    /// pragma keep swift-mustache's own, which gives the same bytes. Call before parsing templates.
    static func register() {
        MustacheContentTypes.register(FastHTML(), named: "HTML")
    }

    struct FastHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
    }
}
