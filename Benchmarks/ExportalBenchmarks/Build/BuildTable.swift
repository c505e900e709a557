import Foundation

/// The `make bench-build` table, in Markdown so that it can be pasted into an issue or docs/dev:
/// for each page count a row per tool and a row with Exportal's figures over Hugo's.
public enum BuildTable {
    public static let header = [
        "| pages | tool | wall s | CPU s | CPU / wall | pages/s | peak RSS MB | output MB | xref.json MB | HTML files |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    public static func lines(_ rows: [BuildBenchmark.Row]) -> [String] {
        var lines = rows.map { row in
            cells(grouped(row.pages), row.tool.rawValue, fixed(row.wall, 2), fixed(row.cpu, 2), fixed(row.cpu / row.wall, 2),
                  fixed(row.pagesPerSecond, 0), megabytes(row.peakRSS), megabytes(row.outputBytes),
                  row.xrefBytes.map(megabytes) ?? "–", grouped(row.htmlFiles))
        }
        if let exportal = rows.first(where: { $0.tool == .exportal }), let hugo = rows.first(where: { $0.tool == .hugo }) {
            func ratio(_ a: Double, _ b: Double) -> String { fixed(a / b, 2) + "×" }
            lines.append(cells(grouped(exportal.pages), "Exportal / Hugo", ratio(exportal.wall, hugo.wall), ratio(exportal.cpu, hugo.cpu),
                               "", ratio(exportal.pagesPerSecond, hugo.pagesPerSecond),
                               ratio(Double(exportal.peakRSS), Double(hugo.peakRSS)),
                               ratio(Double(exportal.outputBytes), Double(hugo.outputBytes)), "", ""))
        }
        return lines
    }

    /// 10000 as "10,000", whatever the locale.
    public static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }

    static func cells(_ values: String...) -> String { "| " + values.joined(separator: " | ") + " |" }
    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
    static func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1_000_000, 1) }
}
