/// A problem found in the input, reported as `path:line:col: severity: message`.
///
///     Diagnostic(.error, "Content/site.yml", line: 3, column: 7, "unknown field 'titel'", hint: "did you mean 'title'?")
///         .description  // Content/site.yml:3:7: error: unknown field 'titel' (did you mean 'title'?)
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public let severity: Severity
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?

    public init(_ severity: Severity, _ file: String, line: Int, column: Int, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.message = message
        self.hint = hint
    }

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.init(severity, location.file, line: location.line, column: location.column, message, hint: hint)
    }

    public var description: String {
        let base = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        guard let hint else { return base }
        return "\(base) (\(hint))"
    }
}

/// A point in a source file; lines and columns start at 1.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Collects diagnostics from every stage so they are reported together, in a stable order.
public struct DiagnosticReport: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func add(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(Diagnostic(.error, at: location, message, hint: hint))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(Diagnostic(.warning, at: location, message, hint: hint))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// Sorted by file, line, column, then message; duplicates removed.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics
            .filter { seen.insert($0).inserted }
            .sorted { ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message) }
    }
}
