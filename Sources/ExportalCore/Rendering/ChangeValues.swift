import ExportalDomain
import Mustache

/// "Removed from the list on DATE (version V)": `date`, `version`, `path` (its change page),
/// `lastVersion`, `lastDate` (the newest version that still held the entry, which the page shows).
struct RemovalNotice: MustacheParent {
    let removedIn: ListVersion
    let last: ListVersion
    let path: String

    init(_ removedIn: ListVersion, last: ListVersion, path: String) {
        self.removedIn = removedIn
        self.last = last
        self.path = path
    }

    func child(named name: String) -> Any? {
        switch name {
        case "date": removedIn.date
        case "version": removedIn.version
        case "path": path
        case "lastVersion": last.version
        case "lastDate": last.date
        default: nil
        }
    }
}

/// An entry's or a party's history section: `events`, oldest first.
struct HistoryValues: MustacheParent {
    let events: [HistoryEvent]

    /// False when there is nothing to show, so `{{#history}}` renders no section.
    static func orFalse(_ events: [HistoryEvent]) -> Any { events.isEmpty ? false : HistoryValues(events: events) }

    func child(named name: String) -> Any? { name == "events" ? events : nil }
}

/// One line of a history section: `what` ("Listed", "Added", "Amended", "Removed"), `version`,
/// `date`, `path` (the version's change page, false for the oldest kept version), `fields` (the
/// amended fields, joined; false when none) and `items` (sub-items that changed in that version:
/// `code`, `href`, `what`), `hasItems`.
struct HistoryEvent: MustacheParent {
    let what: String
    let version: ListVersion
    let path: Any
    let fields: Any
    var items: [HistoryItem] = []

    init(what: String, version: ListVersion, path: Any, fields: [String], items: [HistoryItem] = []) {
        self.what = what
        self.version = version
        self.path = path
        self.fields = fields.isEmpty ? false : fields.joined(separator: ", ")
        self.items = items
    }

    /// An event of `EntryHistory`; `path` is the version's change page, unused for `.present`.
    init<Field>(_ event: EntryHistory<Field>.Event, path: String, fields: [String]) {
        self.init(what: Self.label(event.kind), version: event.version, path: event.kind == .present ? false : path, fields: fields)
    }

    static func label(_ kind: EntryHistory<some ChangeField>.Event.Kind) -> String {
        switch kind {
        case .present: "Listed in the oldest version kept"
        case .added: "Added"
        case .amended: "Amended"
        case .removed: "Removed"
        }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "what": what
        case "version": version.version
        case "date": version.date
        case "path": path
        case "fields": fields
        case "items": items
        case "hasItems": !items.isEmpty
        default: nil
        }
    }
}

/// A sub-item named in an entry's history: `code`, `href` (false when it has no page), `what`.
struct HistoryItem: MustacheParent {
    let code: String
    let href: Any
    let what: String

    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "href": href
        case "what": what
        default: nil
        }
    }
}

/// A run of text in a change page's value, linked when it is a code with a page: `text`, `href`.
struct TextSegment: MustacheParent {
    let text: String
    let href: Any

    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "href": href
        default: nil
        }
    }

    /// The text cut around the control codes that `link` gives a page, so each becomes a link.
    static func segments(_ text: String, link: ((String) -> String?)?) -> [TextSegment] {
        guard let link else { return [TextSegment(text: text, href: false)] }
        var segments: [TextSegment] = []
        let bytes = Array(text.utf8)
        var start = 0
        for token in CodeScanner.tokens(in: bytes, 0..<bytes.count) {
            guard let href = link(token.text) else { continue }
            if token.utf8Offset > start {
                segments.append(TextSegment(text: String(decoding: bytes[start..<token.utf8Offset], as: UTF8.self), href: false))
            }
            segments.append(TextSegment(text: token.text, href: href))
            start = token.utf8Offset + token.utf8Length
        }
        if start < bytes.count || segments.isEmpty {
            segments.append(TextSegment(text: String(decoding: bytes[start...], as: UTF8.self), href: false))
        }
        return segments
    }
}

/// One value of an amended field: `segments`, and `state`: `added` (only the newer version has it),
/// `removed` (only the older one has it) or `same`; `isAdded`, `isRemoved`.
struct FieldValue: MustacheParent {
    let segments: [TextSegment]
    let state: String

    func child(named name: String) -> Any? {
        switch name {
        case "segments": segments
        case "state": state
        case "isAdded": state == "added"
        case "isRemoved": state == "removed"
        default: nil
        }
    }
}

/// A row of an amended entry's table: `field` (its title), `old` and `new` values (empty lists
/// when the version had none).
struct FieldRow: MustacheParent {
    let field: String
    let old: [FieldValue]
    let new: [FieldValue]

    init<Field: ChangeField>(_ change: FieldChange<Field>, link: ((String) -> String?)?) {
        field = change.field.title
        old = change.old.map { FieldValue(segments: TextSegment.segments($0, link: link), state: change.new.contains($0) ? "same" : "removed") }
        new = change.new.map { FieldValue(segments: TextSegment.segments($0, link: link), state: change.old.contains($0) ? "same" : "added") }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "field": field
        case "old": old
        case "new": new
        default: nil
        }
    }
}

/// An entry on a change page: `id` (a party id, a control code), `title`, `path` (its page, with
/// an anchor for a sub-item; false when it has none), `anchor` (the row's own id), and for an
/// amendment `fields` (`FieldRow`s) and `fieldNames`.
struct ChangeRow: MustacheParent {
    let id: String
    let title: String
    let path: Any
    let anchor: String
    var fields: [FieldRow] = []

    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "path": path
        case "anchor": anchor
        case "fields": fields
        case "fieldNames": fields.map(\.field).joined(separator: ", ")
        default: nil
        }
    }
}
