import ExportalDomain
import ExportalMarkdown
import Foundation

extension CrossReferences {
    /// `xref.json`, version 2: every reference with its source page, file, line and column, for
    /// search, update reports and checklists. The pages, files and targets are written once each in
    /// tables sorted by path, and each reference is one line of numbers into them:
    ///
    ///     {"version":2,
    ///     "pages":[
    ///     {"path":"guidance/a.html","title":"A","kind":"guidance"}
    ///     ],
    ///     "files":[
    ///     "guidance/a.md"
    ///     ],
    ///     "targets":[
    ///     {"href":"controls/l/5A002.html#5A002.a","kind":"entry","id":"5A002.a"}
    ///     ],
    ///     "references":[
    ///     [0,0,6,31,0,"code"]
    ///     ]}
    ///
    /// A reference is `[page, file, line, column, target, via]`, in the order of `all`. Version 1
    /// repeated every path and title on every reference: 63 MB for 10,000 articles.
    /// Files are named relative to the content folder (`guidance/a.md`): the portal is published, and
    /// the folder it was built from (`/home/alice/...`) is nobody's business.
    func json(contentDisplayPath: String) -> Data { xref(contentDisplayPath: contentDisplayPath).data }

    /// `xref.json` and where each reference's row starts in it.
    func xref(contentDisplayPath: String) -> XrefFile {
        let prefix = contentDisplayPath.isEmpty ? "" : contentDisplayPath + "/"
        var pages = Numbering<String>(), files = Numbering<String>(), targets = Numbering<TargetKey>()
        var pageOf: [PageRef] = [], targetOf: [LinkTarget] = []
        var rows: [(page: Int, file: Int, target: Int)] = []
        rows.reserveCapacity(all.count)
        var lastFile: (text: String, number: Int)?
        for reference in all {
            let page = pages.number(reference.source, key: \.path) { pageOf.append($0) }
            let target = targets.number(reference.target, key: TargetKey.init) { targetOf.append($0) }
            let file: Int
            if let lastFile, lastFile.text == reference.location.file {
                file = lastFile.number
            } else {
                let text = reference.location.file
                file = files.number(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
                lastFile = (text, file)
            }
            rows.append((page, file, target))
        }
        let pageOrder = pages.sorted(), fileOrder = files.sorted(), targetOrder = targets.sorted()

        var out: [UInt8] = []
        out.reserveCapacity(all.count * 24 + pageOf.count * 96 + targetOf.count * 64)
        out += "{\"version\":2,\n\"pages\":".utf8
        Self.appendRows(pageOrder.keys.indices, to: &out) { index, out in
            let page = pageOf[pageOrder.provisional[index]]
            out += "{\"path\":\(JSONText.string(page.path)),\"title\":\(JSONText.string(page.title)),\"kind\":\"\(page.kind.rawValue)\"}".utf8
        }
        out += ",\n\"files\":".utf8
        Self.appendRows(fileOrder.keys, to: &out) { file, out in out += JSONText.string(file).utf8 }
        out += ",\n\"targets\":".utf8
        Self.appendRows(targetOrder.keys, to: &out) { key, out in
            out += "{\"href\":\(JSONText.string(key.href)),\"kind\":\"\(key.kind)\",\"id\":\(JSONText.string(key.id))}".utf8
        }
        out += ",\n\"references\":".utf8
        var rowStarts: [Int] = []
        rowStarts.reserveCapacity(rows.count + 1)
        Self.appendRows(rows.indices, to: &out) { index, out in
            rowStarts.append(out.count)
            let row = rows[index], location = all[index].location
            func field(_ number: Int) {
                LinkedRun.forEachDigit(of: number) { out.append($0) }
                out.append(UInt8(ascii: ","))
            }
            out.append(UInt8(ascii: "["))
            field(pageOrder.final[row.page])
            field(fileOrder.final[row.file])
            field(location.line)
            field(location.column)
            field(targetOrder.final[row.target])
            out += "\"\(all[index].via.rawValue)\"]".utf8
        }
        // Each row ends two bytes before the next one starts (",\n"), the last one before "\n]".
        rowStarts.append(rows.isEmpty ? out.count : out.count + 2)
        out += "}\n".utf8
        return XrefFile(data: Data(out), rowStarts: rowStarts)
    }

    /// `[` and `]` around rows written one to a line, `[]` for none.
    private static func appendRows<Rows: Collection>(_ rows: Rows, to out: inout [UInt8],
                                                     _ write: (Rows.Element, inout [UInt8]) -> Void) {
        guard !rows.isEmpty else { return out += "[]".utf8 }
        out += "[\n".utf8
        for (index, row) in rows.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            write(row, &out)
        }
        out += "\n]".utf8
    }

    /// A target as `xref.json` tells targets apart: a link to a glossary term and a Markdown link
    /// to the same anchor of `glossary.yml` lead to one place but are of different kinds.
    struct TargetKey: Hashable, Comparable {
        let href: String
        let kind: String
        let id: String

        init(_ target: LinkTarget) {
            href = target.page + (target.anchor.map { "#\($0)" } ?? "")
            kind = target.kind.rawValue
            id = target.id
        }

        static func < (a: TargetKey, b: TargetKey) -> Bool { (a.href, a.kind, a.id) < (b.href, b.kind, b.id) }
    }
}

/// Numbers the distinct keys of a table in the order first seen, then sorts them, so the table and
/// the numbers that point into it do not depend on anything but the keys. Objects (pages, targets)
/// shared by many references are looked up by identity first, so a key is made once per object.
struct Numbering<Key: Hashable & Comparable> {
    private var byKey: [Key: Int] = [:]
    private var byObject: [ObjectIdentifier: Int] = [:]
    private var keys: [Key] = []

    /// The provisional number of `key`.
    mutating func number(_ key: Key) -> Int {
        if let known = byKey[key] { return known }
        keys.append(key)
        byKey[key] = keys.count - 1
        return keys.count - 1
    }

    /// The provisional number of `object`'s key; `added` sees each object whose key is new.
    mutating func number<Object: AnyObject>(_ object: Object, key: (Object) -> Key, added: (Object) -> Void) -> Int {
        let identity = ObjectIdentifier(object)
        if let known = byObject[identity] { return known }
        let count = keys.count
        let result = number(key(object))
        if keys.count > count { added(object) }
        byObject[identity] = result
        return result
    }

    /// The keys in order; `final[n]` is the place of provisional number n among them, and
    /// `provisional[i]` the provisional number of the i-th.
    func sorted() -> (keys: [Key], final: [Int], provisional: [Int]) {
        let provisional = keys.indices.sorted { keys[$0] < keys[$1] }
        var final = [Int](repeating: 0, count: keys.count)
        for (place, number) in provisional.enumerated() { final[number] = place }
        return (provisional.map { keys[$0] }, final, provisional)
    }
}

/// `xref.json` as written, with the byte where each reference's row starts (and one more, two bytes
/// past the last row's end), so that `serve` can write new positions into one page's rows without
/// writing the file again (`ProseSplice`).
struct XrefFile {
    private(set) var data: Data
    private(set) var rowStarts: [Int]

    init(data: Data, rowStarts: [Int]) {
        self.data = data
        self.rowStarts = rowStarts
    }

    /// Writes `locations`' lines and columns into the rows in `rows`, one each. False, and nothing
    /// changed, when they are not as many or a row is not `[page,file,line,column,target,"via"]`.
    mutating func relocate(rows: Range<Int>, to locations: [SourceLocation]) -> Bool {
        guard rows.count == locations.count, !rows.isEmpty, rows.upperBound < rowStarts.count else { return false }
        let comma = UInt8(ascii: ",")
        let first = rowStarts[rows.lowerBound], last = rowStarts[rows.upperBound]
        var out: [UInt8] = []
        var starts: [Int] = []
        let written = data.withUnsafeBytes { bytes -> Bool in
            out.reserveCapacity(last - first + rows.count * 4)
            for (row, location) in zip(rows, locations) {
                let start = rowStarts[row], end = rowStarts[row + 1] - 2
                // The line is after the second comma, the column before the fourth.
                var commas: [Int] = []
                for index in start..<end where bytes[index] == comma {
                    commas.append(index)
                    if commas.count == 4 { break }
                }
                guard commas.count == 4 else { return false }
                starts.append(first + out.count)
                out += bytes[start...commas[1]]
                LinkedRun.forEachDigit(of: location.line) { out.append($0) }
                out.append(comma)
                LinkedRun.forEachDigit(of: location.column) { out.append($0) }
                // The rest of the row and what separates it from the next.
                out += bytes[commas[3]..<rowStarts[row + 1]]
            }
            return true
        }
        guard written else { return false }
        data.replaceSubrange(first..<last, with: out)
        let shift = out.count - (last - first)
        rowStarts.replaceSubrange(rows, with: starts)
        if shift != 0 {
            for index in rows.upperBound..<rowStarts.count { rowStarts[index] += shift }
        }
        return true
    }
}
