import Foundation

/// Everything a template could read from a value, as bytes, and their `Fingerprint`: two page
/// contexts with the same fingerprint render the same page.
///
/// Values are read through reflection (`Mirror`), so every stored field of a typed value counts,
/// including fields added later. Reflection costs microseconds a field, so the value types that
/// every page holds (an article's values, a referrer row, a party record) list their fields
/// themselves (`Digestible`); `IncrementalBuildTests` checks, for every such value the sample
/// portal's pages hold, that it lists exactly the fields reflection finds. Strings count
/// by their UTF-8 bytes (stricter than `==`, which equates canonically equivalent text). A
/// dictionary or set counts by its members whatever their order. A value reflection cannot read
/// whole (a closure, a class instance, a Foundation type other than `Data`) makes the digest
/// incomplete, and a page with an incomplete digest is always rendered.
package struct ValueDigest {
    private var bytes: [UInt8] = []
    /// False once a value was met that reflection cannot read whole.
    package private(set) var isComplete = true
    /// For the completeness test: the labels `field` was given for the value being digested (not
    /// for values inside it); nil outside the test.
    package var labels: [String]?
    private var depth = 0

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// One stored field of a `Digestible` value: its name and value.
    package mutating func field(_ label: String, _ value: Any) {
        if depth == 0 { labels?.append(label) }
        depth += 1
        defer { depth -= 1 }
        add(label)
        add(any: value)
    }

    /// A field whose type is known where it is listed: digested as `field(_:_: Any)` would, without
    /// boxing it and finding its type again (the rows of "Referenced in" lists are most of a
    /// rebuild's digest).
    package mutating func field<Value: Digestible>(_ label: String, _ value: Value) {
        if depth == 0 { labels?.append(label) }
        depth += 1
        defer { depth -= 1 }
        add(label)
        value.digest(into: &self)
    }

    /// The start of a `Digestible` value with `count` fields.
    package mutating func fields(_ count: Int) {
        tag(.fields)
        self.count(count)
    }

    package var fingerprint: Fingerprint { Fingerprint(of: bytes) }

    fileprivate enum Tag: UInt8 {
        case string = 1, int, bool, double, none, sequence, unordered, fields, enumCase, data, fingerprint
    }

    fileprivate mutating func tag(_ tag: Tag) { bytes.append(tag.rawValue) }

    fileprivate mutating func count(_ value: Int) { word(UInt64(bitPattern: Int64(value))) }

    private mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func add(_ text: String) {
        tag(.string)
        var text = text
        text.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    package mutating func add(_ number: Int) {
        tag(.int)
        count(number)
    }

    package mutating func add(_ flag: Bool) {
        tag(.bool)
        bytes.append(flag ? 1 : 0)
    }

    package mutating func add(_ fingerprint: Fingerprint) {
        tag(.fingerprint)
        word(fingerprint.high)
        word(fingerprint.low)
    }

    /// Any value a page context holds.
    package mutating func add(any value: Any) {
        switch value {
        case let text as String: add(text)
        case let text as Substring: add(String(text))
        case let number as Int: add(number)
        case let flag as Bool: add(flag)
        case let number as Double:
            tag(.double)
            word(number.bitPattern)
        case let data as Data:
            tag(.data)
            count(data.count)
            bytes.append(contentsOf: data)
        case let fingerprint as Fingerprint: add(fingerprint)
        case let value as Digestible:
            value.digest(into: &self)
        case let dictionary as [String: Any]:
            // Keys in sorted order: the same members in another order count the same.
            tag(.unordered)
            count(dictionary.count)
            for key in dictionary.keys.sorted() {
                add(key)
                add(any: dictionary[key]!)
            }
        case let array as [Any]:
            tag(.sequence)
            count(array.count)
            for element in array { add(any: element) }
        default:
            addReflected(value)
        }
    }

    private mutating func addReflected(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let wrapped = mirror.children.first {
                add(any: wrapped.value)
            } else {
                tag(.none)
            }
        case .collection:
            tag(.sequence)
            count(mirror.children.count)
            for child in mirror.children { add(any: child.value) }
        case .dictionary, .set:
            // Members fingerprinted one by one and sorted: the same members in another order count the same.
            var members: [Fingerprint] = []
            members.reserveCapacity(mirror.children.count)
            for child in mirror.children {
                var member = ValueDigest(capacity: 64)
                member.add(any: child.value)
                if !member.isComplete { isComplete = false }
                members.append(member.fingerprint)
            }
            tag(.unordered)
            count(members.count)
            for member in members.sorted(by: { ($0.high, $0.low) < ($1.high, $1.low) }) { add(member) }
        case .struct, .tuple:
            tag(.fields)
            count(mirror.children.count)
            for child in mirror.children {
                add(child.label ?? "")
                add(any: child.value)
            }
        case .enum:
            tag(.enumCase)
            add(String(describing: type(of: value)))
            if let payload = mirror.children.first {
                add(payload.label ?? "")
                add(any: payload.value)
            } else {
                add(String(describing: value))
            }
        default:
            // A class instance, a closure, a foreign type: not read whole, so never trusted.
            isComplete = false
        }
    }
}

/// A value that lists its stored fields to `ValueDigest` itself, each with `field`, in place of
/// reflection. It must list every stored field under its own name; a test checks that.
package protocol Digestible {
    func digest(into digest: inout ValueDigest)
}

extension Array: Digestible where Element: Digestible {
    package func digest(into digest: inout ValueDigest) {
        digest.sequence(count)
        for element in self { element.digest(into: &digest) }
    }
}

extension Optional: Digestible where Wrapped: Digestible {
    package func digest(into digest: inout ValueDigest) {
        if let self { self.digest(into: &digest) } else { digest.none() }
    }
}

extension ValueDigest {
    package mutating func sequence(_ count: Int) {
        tag(.sequence)
        self.count(count)
    }

    package mutating func none() { tag(.none) }
}
