/// `exportal screen --format csv`: screening results as a spreadsheet opens them.
///
/// Every text cell that is not empty is quoted (`"` doubled inside), and one that a spreadsheet would run as a
/// formula starts with an apostrophe, the usual guard against CSV injection: a cell beginning
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width ＝ ＋ － ＠, which some
/// spreadsheets also read as formulas). Names come from anyone's documents and from the lists
/// themselves, so `=HYPERLINK(...)` as a screened name must stay text.
///
///     ScreenCSV.cell("=1+1")   // "\"'=1+1\""
///     ScreenCSV.cell("O\"Neil") // "\"O\"\"Neil\""
enum ScreenCSV {
    static let header = "query,country,score,matched_name,list,entry,explanation"

    private static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"]

    static func cell(_ text: String) -> String {
        if text.isEmpty { return "" }
        let guarded = text.first.map(formulaStarts.contains) == true ? "'" + text : text
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row; `score` (a number) and `country` (an ISO code, checked on input) are written as they are.
    static func row(query: String, country: String?, score: String = "", matchedName: String = "", list: String = "",
                    entry: String = "", explanation: String = "") -> String {
        [cell(query), country ?? "", score, cell(matchedName), cell(list), cell(entry), cell(explanation)].joined(separator: ",")
    }
}
