/// Characters that no content may hold: C0 controls other than tab, line feed and carriage return,
/// DEL, and the C1 controls. HTML cannot carry them (they are parse errors, and NUL cuts C strings
/// such as the one cmark-gfm reads), and in a name or a code they hide what a reader sees.
///
///     ControlCharacter.isForbidden("\u{0}")   // true
///     ControlCharacter.name("\u{1B}")          // "U+001B (ESC)"
public enum ControlCharacter {
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// "U+0000 (NUL)": the code point, and the control's usual abbreviation where it has one.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let abbreviations = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
                             "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let short: String? = scalar.value < 0x20 ? abbreviations[Int(scalar.value)]
            : scalar.value == 0x7F ? "DEL" : scalar.value == 0x85 ? "NEL" : nil
        return short.map { "\(code) (\($0))" } ?? code
    }
}
