/// One entry's life across the versions a list keeps: in the oldest version, added, amended
/// (with the fields), removed, added again.
///
///     history.events.map(\.kind)  // [.present, .amended, .removed]
public struct EntryHistory<Field: ChangeField>: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        public enum Kind: String, Sendable {
            /// In the oldest version the list keeps; when it was first listed is not known from the history.
            case present
            case added, amended, removed
        }

        public let kind: Kind
        public let version: ListVersion
        /// For an amendment, the fields that changed.
        public let fields: [Field]

        public init(kind: Kind, version: ListVersion, fields: [Field] = []) {
            self.kind = kind
            self.version = version
            self.fields = fields
        }
    }

    public let key: String
    /// Oldest first; empty when no kept version holds the entry.
    public let events: [Event]

    public init(key: String, events: [Event]) {
        self.key = key
        self.events = events
    }

    /// True when the newest version the history covers no longer holds the entry.
    public var isRemoved: Bool { events.last?.kind == .removed }
}
