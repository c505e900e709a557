/// The `make bench-serve` table, in Markdown: a row per tool and kind of edit, and a row of
/// Exportal's figures over Hugo's for article edits.
public enum ServeTable {
    public static let header = [
        "| tool | edit | edits | median ms | min ms | max ms | first page s | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]

    public static func lines(_ rows: [ServeBenchmark.Row]) -> [String] {
        var lines = rows.map { row in
            BuildTable.cells(row.tool.rawValue, row.edit.rawValue, "\(row.latency.count)", BuildTable.fixed(row.latency.median, 0),
                             BuildTable.fixed(row.latency.min, 0), BuildTable.fixed(row.latency.max, 0),
                             BuildTable.fixed(row.firstPage, 2), BuildTable.megabytes(row.peakRSS))
        }
        func row(_ tool: ServeBenchmark.Tool) -> ServeBenchmark.Row? { rows.first { $0.tool == tool && $0.edit == .article } }
        if let exportal = row(.exportal), let hugo = row(.hugo) {
            func ratio(_ a: Double, _ b: Double) -> String { BuildTable.fixed(a / b, 2) + "×" }
            lines.append(BuildTable.cells("Exportal / Hugo", ServeBenchmark.Edit.article.rawValue, "",
                                          ratio(exportal.latency.median, hugo.latency.median), ratio(exportal.latency.min, hugo.latency.min),
                                          ratio(exportal.latency.max, hugo.latency.max), ratio(exportal.firstPage, hugo.firstPage),
                                          ratio(Double(exportal.peakRSS), Double(hugo.peakRSS))))
        }
        return lines
    }
}
