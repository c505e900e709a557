import Foundation
import Testing

/// `xref.json` read back as a consumer reads it: each reference's numbers looked up in the
/// `pages`, `files` and `targets` tables, so tests check what the file says, not its layout.
struct XrefFile {
    struct Reference {
        let source: String, sourceTitle: String, sourceKind: String
        let file: String, line: Int, column: Int
        let target: String, targetKind: String, targetId: String
        let via: String
    }

    let version: Int
    let references: [Reference]

    init(_ data: Data) throws {
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        version = try #require(json["version"] as? Int)
        let pages = try #require(json["pages"] as? [[String: String]])
        let files = try #require(json["files"] as? [String])
        let targets = try #require(json["targets"] as? [[String: String]])
        references = try #require(json["references"] as? [[Any]]).map { row in
            try #require(row.count == 6)
            let numbers = try row.prefix(5).map { try #require($0 as? Int) }
            let page = pages[numbers[0]], target = targets[numbers[4]]
            return Reference(source: page["path"] ?? "", sourceTitle: page["title"] ?? "", sourceKind: page["kind"] ?? "",
                             file: files[numbers[1]], line: numbers[2], column: numbers[3],
                             target: target["href"] ?? "", targetKind: target["kind"] ?? "", targetId: target["id"] ?? "",
                             via: try #require(row[5] as? String))
        }
    }
}
