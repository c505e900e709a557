/// "Did you mean ...?" candidates by edit distance.
///
///     Suggestions.nearest(to: "titel", in: ["title", "summary"])  // ["title"]
public enum Suggestions {
    public static func nearest(to word: String, in candidates: some Sequence<String>, limit: Int = 2) -> [String] {
        let target = Array(word.lowercased())
        let allowed = max(1, min(3, target.count / 3 + 1))
        return candidates
            .map { ($0, distance(target, Array($0.lowercased()))) }
            .filter { $0.1 <= allowed }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit)
            .map(\.0)
    }

    public static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        let found = nearest(to: word, in: candidates)
        guard !found.isEmpty else { return nil }
        return "did you mean " + found.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
