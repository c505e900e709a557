/// Text order with runs of digits compared as numbers, so SDN entry 36 comes before 306 and 1000.
///
///     ["1000", "36", "306"].sorted(by: NaturalOrder.precedes)  // ["36", "306", "1000"]
public enum NaturalOrder {
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var left = a.unicodeScalars.makeIterator(), right = b.unicodeScalars.makeIterator()
        var x = left.next(), y = right.next()
        while let l = x, let r = y {
            if let ld = l.digitValue, let rd = r.digitValue {
                // Compare whole numbers: drop leading zeros, then the longer run is larger.
                var lNumber = [ld], rNumber = [rd]
                x = left.next()
                while let next = x, let digit = next.digitValue { lNumber.append(digit); x = left.next() }
                y = right.next()
                while let next = y, let digit = next.digitValue { rNumber.append(digit); y = right.next() }
                let lTrimmed = lNumber.drop(while: { $0 == 0 }), rTrimmed = rNumber.drop(while: { $0 == 0 })
                if lTrimmed.count != rTrimmed.count { return lTrimmed.count < rTrimmed.count }
                if lTrimmed != rTrimmed { return lTrimmed.lexicographicallyPrecedes(rTrimmed) }
                if lNumber.count != rNumber.count { return lNumber.count < rNumber.count }
                continue
            }
            if l != r { return l.value < r.value }
            x = left.next()
            y = right.next()
        }
        return x == nil && y != nil
    }
}
