/// A control-list code such as `5A002` or the sub-item `5A002.a.1.b`.
///
///     let code = ControlCode("5A002.a.1")!
///     code.category      // 5
///     code.productGroup  // .equipment
///     code.entryCode     // "5A002"
///     code.parent        // ControlCode("5A002.a")
public struct ControlCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let category: Int
    public let productGroup: ProductGroup
    /// The five-character entry code, e.g. `5A002`.
    public let entryCode: String
    /// Sub-item segments after the entry code, e.g. `["a", "1"]`.
    public let segments: [String]

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let head = Array(parts[0].unicodeScalars)
        guard head.count == 5,
              let category = head[0].digitValue,
              let group = ProductGroup(rawValue: Character(head[1])),
              head[2...].allSatisfy({ $0.digitValue != nil }) else { return nil }
        let segments = Array(parts.dropFirst())
        guard segments.allSatisfy(Self.isValidSegment) else { return nil }
        self.category = category
        self.productGroup = group
        self.entryCode = parts[0]
        self.segments = segments
    }

    /// A segment is 1-2 lowercase ASCII letters or 1-2 digits.
    static func isValidSegment(_ segment: String) -> Bool {
        let scalars = Array(segment.unicodeScalars)
        guard (1...2).contains(scalars.count) else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) } || scalars.allSatisfy { $0.digitValue != nil }
    }

    /// Appended piece by piece: most codes fit in a small string, which needs no allocation, where
    /// joining an array made one (and an array) for each of the target index's thousands of codes.
    public var description: String {
        var text = entryCode
        for segment in segments {
            text.append(".")
            text.append(segment)
        }
        return text
    }
    public var isEntry: Bool { segments.isEmpty }
    public var depth: Int { segments.count }

    public var parent: ControlCode? {
        guard !segments.isEmpty else { return nil }
        return ControlCode(([entryCode] + segments.dropLast()).joined(separator: "."))
    }

    /// True when `self` is `other` plus exactly one segment.
    public func isChild(of other: ControlCode) -> Bool { parent == other }

    /// Orders codes as a reader expects: 1A002 before 1A010, `.b.2` before `.b.10`.
    public static func < (a: ControlCode, b: ControlCode) -> Bool {
        if a.entryCode != b.entryCode { return a.entryCode < b.entryCode }
        for (x, y) in zip(a.segments, b.segments) where x != y {
            if let xi = Int(x), let yi = Int(y) { return xi < yi }
            if x.count != y.count { return x.count < y.count }
            return x < y
        }
        return a.segments.count < b.segments.count
    }
}

extension Unicode.Scalar {
    var digitValue: Int? {
        ("0"..."9").contains(self) ? Int(value) - 48 : nil
    }
}

/// The five product groups of a dual-use list.
public enum ProductGroup: Character, Sendable, CaseIterable, Comparable {
    case equipment = "A", testAndProduction = "B", materials = "C", software = "D", technology = "E"

    public var title: String {
        switch self {
        case .equipment: "Systems, equipment and components"
        case .testAndProduction: "Test, inspection and production equipment"
        case .materials: "Materials"
        case .software: "Software"
        case .technology: "Technology"
        }
    }

    public static func < (a: ProductGroup, b: ProductGroup) -> Bool { a.rawValue < b.rawValue }
}

/// Category titles of the dual-use list (0 to 9).
public enum ControlCategory {
    public static func title(_ category: Int) -> String {
        switch category {
        case 0: "Nuclear materials, facilities and equipment"
        case 1: "Special materials and related equipment"
        case 2: "Materials processing"
        case 3: "Electronics"
        case 4: "Computers"
        case 5: "Telecommunications and information security"
        case 6: "Sensors and lasers"
        case 7: "Navigation and avionics"
        case 8: "Marine"
        case 9: "Aerospace and propulsion"
        default: "Category \(category)"
        }
    }
}
