/// Destinations that share an outcome, a rule and every reason printed with it, gathered into one
/// row, and each general authorisation's conditions kept once: a checklist a person can read and
/// sign. Nothing is dropped: a row differs from another in any printed field stays its own group.
///
///     DestinationGrouping.groups(rows).map(\.destinations)  // [["FR", "IT", "PL"], ["CH", "US", "JP"], ...]
enum DestinationGrouping {
    /// The indices of the rows of each group, groups in the order of their first row.
    static func partition(_ rows: [Checklist.Determination]) -> [[Int]] {
        var groups: [[Int]] = []
        var index: [GroupKey: Int] = [:]
        for (position, row) in rows.enumerated() {
            let key = GroupKey(row)
            if let at = index[key] {
                groups[at].append(position)
            } else {
                index[key] = groups.count
                groups.append([position])
            }
        }
        return groups
    }

    static func groups(_ rows: [Checklist.Determination], partition: [[Int]]? = nil) -> [Checklist.DestinationGroup] {
        (partition ?? Self.partition(rows)).map { members in
            let row = rows[members[0]]
            return .init(destinations: members.map { rows[$0].destination }, transfer: row.transfer, outcome: row.outcome, title: row.title,
                         rule: row.rule, citation: row.citation, why: row.why, code: row.code, entry: row.entry,
                         authorisation: row.authorisation, missing: row.missing, unanswered: row.unanswered)
        }
    }

    /// Each authorisation once, in the order the rows first use it.
    static func authorisations(_ rows: [Checklist.Determination]) -> [Checklist.Authorisation] {
        var seen = Set<String>()
        return rows.compactMap { row in
            guard let id = row.authorisation, seen.insert(id).inserted else { return nil }
            return .init(id: id, conditions: row.conditions)
        }
    }

    /// The ratings of each product as one table: the factors every rating of the product shares said
    /// once, and the ratings of one party that come out the same for several destinations as one row.
    /// Products whose tables come out the same share one.
    static func riskTables(_ risks: [Checklist.Risk], factors: [[String]]) -> [Checklist.RiskTable] {
        var tables: [Checklist.RiskTable] = []
        var members: [[Int]] = []
        for (position, risk) in risks.enumerated() {
            if let at = tables.firstIndex(where: { $0.products == [risk.product] }) {
                members[at].append(position)
            } else {
                tables.append(.init(products: [risk.product], common: "", rows: []))
                members.append([position])
            }
        }
        for (table, positions) in members.enumerated() {
            let shared = factors[positions[0]].filter { factor in positions.allSatisfy { factors[$0].contains(factor) } }
            tables[table].common = shared.joined(separator: "; ")
            var index: [[String]: Int] = [:]
            for position in positions {
                let risk = risks[position]
                let rest = factors[position].filter { !shared.contains($0) }
                let own = rest.isEmpty ? (factors[position].isEmpty ? "no risk factor applies" : "no other factor") : rest.joined(separator: "; ")
                let key = [risk.party, risk.level, String(risk.score), own]
                if let at = index[key] {
                    tables[table].rows[at].destinations.append(risk.destination)
                } else {
                    index[key] = tables[table].rows.count
                    tables[table].rows.append(.init(destinations: [risk.destination], party: risk.party, level: risk.level,
                                                    score: risk.score, factors: own))
                }
            }
        }
        // Products rated alike (the same codes' facts, say) share one table.
        var merged: [Checklist.RiskTable] = []
        for table in tables {
            if let at = merged.firstIndex(where: { $0.common == table.common && $0.rows == table.rows }) {
                merged[at].products += table.products
            } else {
                merged.append(table)
            }
        }
        return merged
    }

    /// Everything a row prints except its destination.
    private struct GroupKey: Hashable {
        let fields: [String]
        let lists: [[String]]

        init(_ row: Checklist.Determination) {
            fields = [row.transfer, row.outcome, row.title, row.rule, row.citation, row.why, row.code ?? "\u{0}", row.entry.code,
                      row.entry.url, row.authorisation ?? "\u{0}"]
            lists = [row.conditions, row.missing, row.unanswered]
        }
    }
}
