/// One published version of a list: its version label and its date (`YYYY-MM-DD`).
///
///     ListVersion(version: "2025-11", date: "2025-11-14")
public struct ListVersion: Sendable, Hashable, CustomStringConvertible {
    public let version: String
    public let date: String

    public init(version: String, date: String) {
        self.version = version
        self.date = date
    }

    public var description: String { "\(version) (\(date))" }
}
