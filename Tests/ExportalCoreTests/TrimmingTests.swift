@testable import ExportalCore
import Foundation
import Testing

/// Loading trims front-matter lines and YAML strings without Foundation; what it removes must be
/// what `trimmingCharacters(in:)` removes, scalar for scalar.
@Suite struct TrimmingTests {
    @Test func trimsExactlyWhatFoundationTrimsForEveryScalar() {
        var differences: [String] = []
        // Every scalar of the Basic Multilingual Plane (where every white space is), then a sample of the rest.
        for value in Array(UInt32(0)...0xFFFF) + Array(stride(from: UInt32(0x10000), through: 0x10FFFF, by: 0x7F)) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            // At both ends, around text, and alone.
            for text in ["\(scalar)x\(scalar)", "\(scalar)"] {
                if text.trimmed(newlines: false) != text.trimmingCharacters(in: .whitespaces)
                    || text.trimmed(newlines: true) != text.trimmingCharacters(in: .whitespacesAndNewlines) {
                    differences.append(String(value, radix: 16))
                }
            }
        }
        #expect(differences.isEmpty)
    }

    @Test func keepsWhatIsInsideAndWorksOnSlices() {
        #expect(" \t Export licence\u{3000}\n".trimmed(newlines: true) == "Export licence")
        #expect(" a \n".trimmed(newlines: false) == "a \n")
        #expect("  ".trimmed(newlines: false) == "")
        // A combining mark on a space stays, as Foundation leaves it: trimming is by scalar.
        #expect(" \u{301}x ".trimmed(newlines: false) == " \u{301}x ".trimmingCharacters(in: .whitespaces))
        let line = "--- title: x ---"
        #expect(line.dropFirst(3).dropLast(3).trimmed(newlines: false) == "title: x")
    }
}
