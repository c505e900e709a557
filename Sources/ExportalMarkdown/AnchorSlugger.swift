/// Turns heading text into unique, stable anchors: lowercase ASCII letters, digits and hyphens.
/// A repeated heading gets `-2`, `-3`, ... in document order.
///
///     var slugger = AnchorSlugger()
///     slugger.anchor(for: "Red flags")  // "red-flags"
///     slugger.anchor(for: "Red flags")  // "red-flags-2"
public struct AnchorSlugger {
    private var used: [String: Int] = [:]

    public init() {}

    public mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        let key = base.isEmpty ? "section" : base
        let count = (used[key] ?? 0) + 1
        used[key] = count
        return count == 1 ? key : "\(key)-\(count)"
    }

    /// Letters and digits kept (ASCII-folded where the character has a plain ASCII base),
    /// everything else collapsing to single hyphens.
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let folded = asciiFold(scalar)
            if let folded {
                if pendingHyphen && !result.isEmpty { result += "-" }
                pendingHyphen = false
                result += folded
            } else {
                pendingHyphen = true
            }
        }
        return result
    }

    private static func asciiFold(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "a"..."z", "0"..."9": return String(scalar)
        case "à", "á", "â", "ã", "ä", "å": return "a"
        case "ç": return "c"
        case "è", "é", "ê", "ë": return "e"
        case "ì", "í", "î", "ï": return "i"
        case "ñ": return "n"
        case "ò", "ó", "ô", "õ", "ö", "ø": return "o"
        case "ù", "ú", "û", "ü": return "u"
        case "ý", "ÿ": return "y"
        case "ß": return "ss"
        case "æ": return "ae"
        case "œ": return "oe"
        default: return nil
        }
    }
}
