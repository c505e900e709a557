/// A problem found in the input, reported as `path:line:col: severity: message`.
///
///     Diagnostic(.error, "Content/site.yml", line: 3, column: 7, "unknown field 'titel'", hint: "did you mean 'title'?")
///         .description  // Content/site.yml:3:7: error: unknown field 'titel' (did you mean 'title'?)
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// A follow-on: a problem that an earlier error explains (its `cause`), printed under it.
        case note
        case warning, error
        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public let severity: Severity
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?
    /// What kind of content the message says is missing (an unknown code, term, article...): when a
    /// file of that kind could not be loaded, the message is a follow-on of that file's error.
    public var refersTo: ContentKind?
    /// For a note, the error it follows from.
    public var cause: SourceLocation?

    public init(_ severity: Severity, _ file: String, line: Int, column: Int, _ message: String, hint: String? = nil,
                refersTo: ContentKind? = nil) {
        self.severity = severity
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.message = message
        self.hint = hint
        self.refersTo = refersTo
    }

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil, refersTo: ContentKind? = nil) {
        self.init(severity, location.file, line: location.line, column: location.column, message, hint: hint, refersTo: refersTo)
    }

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    public var description: String {
        var base = "\(file):\(line):\(column): \(severity.rawValue): \(message)"
        if let hint { base += " (\(hint))" }
        if let cause { base += " [follows from the error at \(cause)]" }
        return base
    }
}

/// The kinds of content a reference can name, and whose loading can fail.
public enum ContentKind: String, Sendable, Hashable {
    case site, guidance, controls, parties, training, glossary, rules, exporters
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
    /// Where loading first dropped something of each kind (a file it could not read, an entry it could
    /// not keep): the root cause of every "unknown ..." of that kind found afterwards.
    public private(set) var dropped: [ContentKind: SourceLocation] = [:]

    public init() {}

    /// Records that something of `kind` was not loaded because of the error at `location`.
    public mutating func markDropped(_ kind: ContentKind, at location: SourceLocation) {
        if let first = dropped[kind], first < location { return }
        dropped[kind] = location
    }

    public mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public mutating func add(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    public mutating func add(_ other: DiagnosticReport) {
        diagnostics.append(contentsOf: other.diagnostics)
        for (kind, location) in other.dropped { markDropped(kind, at: location) }
    }

    public mutating func error(_ location: SourceLocation, _ message: String, hint: String? = nil, refersTo: ContentKind? = nil) {
        add(Diagnostic(.error, at: location, message, hint: hint, refersTo: refersTo))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String, hint: String? = nil, refersTo: ContentKind? = nil) {
        add(Diagnostic(.warning, at: location, message, hint: hint, refersTo: refersTo))
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// The root causes first: errors by file, line, column and message, each followed by the notes that
    /// follow from it, then warnings; duplicates removed. An error about something missing of a kind
    /// that loading dropped is a note under the error that dropped it, since fixing that error may
    /// well make it go away: one bad value in a list must not read as a hundred broken references.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        let order: (Diagnostic, Diagnostic) -> Bool = {
            ($0.file, $0.line, $0.column, $0.message) < ($1.file, $1.line, $1.column, $1.message)
        }
        var roots: [Diagnostic] = [], warnings: [Diagnostic] = []
        var notes: [SourceLocation: [Diagnostic]] = [:]
        for var diagnostic in diagnostics where seen.insert(diagnostic).inserted {
            if let kind = diagnostic.refersTo, let cause = dropped[kind], cause != diagnostic.location {
                diagnostic = Diagnostic(.note, at: diagnostic.location, diagnostic.message, hint: diagnostic.hint, refersTo: kind)
                diagnostic.cause = cause
                notes[cause, default: []].append(diagnostic)
            } else if diagnostic.severity == .warning {
                warnings.append(diagnostic)
            } else {
                roots.append(diagnostic)
            }
        }
        var result: [Diagnostic] = []
        for root in roots.sorted(by: order) {
            result.append(root)
            result += (notes.removeValue(forKey: root.location) ?? []).sorted(by: order)
        }
        // Notes whose cause has no error of its own at that place (it should not happen) still show.
        result += notes.values.joined().sorted(by: order)
        return result + warnings.sorted(by: order)
    }
}