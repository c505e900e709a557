/// `exportal changes --format csv`: one row per changed field of an amended entry, and one row for
/// each added or removed entry (its field, old and new cells empty). Text cells are quoted and
/// guarded against running as spreadsheet formulas as `exportal screen` writes them (`ScreenCSV`);
/// a field's several values share one cell, one value a line.
///
///     list,from,to,change,key,id,title,field,old,new
///     "watch","1","2","amended","W-1","W-1","Severtech","aliases","Severtek","Severtek
///     Severtekh"
enum ChangeReportCSV {
    static let header = "list,from,to,change,key,id,title,field,old,new"

    static func render(_ report: ChangeReport) -> String {
        let cell = ScreenCSV.cell
        var lines = [header]
        let prefix = [cell(report.listID), cell(report.from.version), cell(report.to.version)]
        for (change, entries) in [("added", report.added), ("removed", report.removed), ("amended", report.amended)] {
            for entry in entries {
                let row = prefix + [cell(change), cell(entry.key), cell(entry.id), cell(entry.title)]
                if entry.fields.isEmpty { lines.append((row + ["", "", ""]).joined(separator: ",")) }
                for field in entry.fields {
                    lines.append((row + [cell(field.name), cell(field.old.joined(separator: "\n")), cell(field.new.joined(separator: "\n"))])
                        .joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
