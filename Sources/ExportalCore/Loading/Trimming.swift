extension StringProtocol {
    /// The text without the white space at either end that Foundation's
    /// `trimmingCharacters(in: .whitespaces)` removes, or with `newlines`, `.whitespacesAndNewlines`:
    /// the same scalars, listed here (Foundation on Linux counts U+200B, the zero-width space, as
    /// white space). Foundation walks a `CharacterSet` at about 25,000 instructions a call, and
    /// loading trims every front-matter line and every YAML string (3 % of a build's
    /// instructions), the `asset` helper every asset name of every page.
    ///
    ///     " Export licence\u{3000}\n".trimmed(newlines: true)  // "Export licence"
    func trimmed(newlines: Bool) -> String {
        func trims(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x21...0x7E: false
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: newlines
            default: false
            }
        }
        // A Substring of the text, so a String or a Substring is read where it is, not copied first.
        let scalars = Substring(self).unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, trims(scalars[start]) { start = scalars.index(after: start) }
        while start < end, trims(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
