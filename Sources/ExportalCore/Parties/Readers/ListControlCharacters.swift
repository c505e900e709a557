import ExportalDomain
import Foundation

/// Control characters in a list's text, which HTML cannot carry (`ControlCharacter`, the rule for
/// every input). Each is an error at its line and column, never passed on to a page or a checklist.
///
/// One kind is read instead: a C1 character that Windows-1252 gives a meaning (U+0092 is ’ there).
/// It is what a Windows-1252 file becomes when converted as if it were Latin-1, and the real 2019
/// Consolidated Screening List has two ("HA\u{92}Assif" for HA’Assif). HTML reads a character
/// reference to these code points the same way (`&#146;` is ’), so the list says what its
/// author wrote; a warning points at the place. The five C1 code points Windows-1252 leaves
/// undefined stay errors.
enum ListControlCharacters {
    enum Kind: Equatable {
        case allowed
        case windows1252(Character)
        case forbidden
    }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        guard ControlCharacter.isForbidden(scalar) else { return .allowed }
        guard (0x80...0x9F).contains(scalar.value) else { return .forbidden }
        return windows1252[Int(scalar.value - 0x80)].map { .windows1252($0) } ?? .forbidden
    }

    /// Windows-1252's characters for 0x80...0x9F; nil where it defines none.
    private static let windows1252: [Character?] = [
        "€", nil, "‚", "ƒ", "„", "…", "†", "‡", "ˆ", "‰", "Š", "‹", "Œ", nil, "Ž", nil,
        nil, "‘", "’", "“", "”", "•", "–", "—", "˜", "™", "š", "›", "œ", nil, "ž", "Ÿ",
    ]

    static func name(_ scalar: Unicode.Scalar) -> String { ControlCharacter.name(scalar) }

    static func forbiddenMessage(_ scalar: Unicode.Scalar, in place: String) -> String {
        "control character \(name(scalar)) in \(place) (only tab and line breaks may appear in a list's text)"
    }

    static func readAsMessage(_ scalar: Unicode.Scalar, _ character: Character) -> String {
        "control character \(name(scalar)) read as '\(character)' (\(name(character.unicodeScalars.first!))), the character "
            + "Windows-1252 gives it (the file was converted from Windows-1252 as if it were Latin-1)"
    }

    /// Reports every control character in UTF-8 `source` at its line and column (at most
    /// `limit` of them, then a count of the rest); true when some were Windows-1252 leftovers to
    /// read with `repaired(_:)`.
    static func check(_ source: PartySource, diagnostics: inout [Diagnostic], limit: Int = 20) -> Bool {
        var needsRepair = false
        var reported = 0, moreErrors = 0, moreWarnings = 0
        source.bytes.withUnsafeBufferPointer { b in
            var line = 1, column = 1, i = 0
            while i < b.count {
                let c = b[i]
                var scalar: Unicode.Scalar?
                if c < 0x20 || c == 0x7F {
                    if c != 0x09 && c != 0x0A && c != 0x0D { scalar = Unicode.Scalar(c) }
                } else if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) {
                    scalar = Unicode.Scalar(b[i + 1])
                }
                if let scalar {
                    if reported < limit {
                        reported += 1
                        switch kind(of: scalar) {
                        case .windows1252(let character):
                            needsRepair = true
                            diagnostics.append(source.warning(line: line, column: column, readAsMessage(scalar, character)))
                        default:
                            diagnostics.append(source.error(line: line, column: column, forbiddenMessage(scalar, in: "the file")))
                        }
                    } else if case .windows1252 = kind(of: scalar) {
                        needsRepair = true
                        moreWarnings += 1
                    } else {
                        moreErrors += 1
                    }
                }
                if c == 0x0A || (c == 0x0D && (i + 1 >= b.count || b[i + 1] != 0x0A)) {
                    line += 1
                    column = 1
                } else if c & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
        }
        let more = moreErrors + moreWarnings
        if more > 0 {
            let message = "\(more) more control character\(more == 1 ? "" : "s") in the file"
            diagnostics.append(moreErrors > 0 ? source.error(line: 1, column: 1, message) : source.warning(line: 1, column: 1, message))
        }
        return needsRepair
    }

    /// The first control character in `text` that may not be read, if any.
    static func firstForbidden(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { kind(of: $0) == .forbidden }
    }

    /// `text` with each Windows-1252 leftover replaced by its character (the common case, none,
    /// returns `text` itself).
    static func repaired(_ text: String) -> String {
        guard text.utf8.contains(0xC2) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if case .windows1252(let character) = kind(of: scalar) { result.append(character) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
