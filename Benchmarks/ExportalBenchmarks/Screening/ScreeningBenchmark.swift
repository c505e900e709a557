import ExportalCore
import ExportalDomain
import Foundation

/// Measures the restricted-party name matcher on public labelled data, in one run: accuracy on
/// nomenklatura's name-matching cases, recall on yente's UN positives at ≤ 1 % false positives
/// on synthetic negatives, throughput against the 2019 OFAC SDN list (index against brute force),
/// the cross-script pairs from watchman, and the UN list's own names written wholly in another
/// script (nearly all Arabic) screened against its names in Latin letters. Run it with
/// `make bench-screening`.
public enum ScreeningBenchmark {
    public struct Options: Sendable {
        /// Folder with nomenklatura_name_bench_cases.csv, yente_*.csv and watchman_cross_script_pairs.csv.
        public var nameMatching: String
        /// Folder with the OFAC SDN CSV files sdn.csv and alt.csv.
        public var sdn: String
        /// The UN Security Council Consolidated List XML, whose names written wholly in another
        /// script are screened against its other names (section 5); nil leaves the section out.
        public var un: String?
        public var queries = 10_000
        public var bruteForceSample = 200
        public var threshold = ScreeningIndex.defaultThreshold
        /// Also list the labelled pairs misclassified at the threshold, grouped by case group and
        /// category, with their features: for deciding which features the matcher lacks.
        public var listErrors = false

        public init(nameMatching: String, sdn: String) {
            self.nameMatching = nameMatching
            self.sdn = sdn
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Accuracy: Sendable {
        public let threshold: Double
        public let precision: Double
        public let recall: Double
        public let f1: Double
    }

    public struct Figures: Sendable {
        public let pairs: Int
        public let atDefault: Accuracy
        public let best: Accuracy
        public let positives: Int
        public let negatives: Int
        /// Lowest threshold with at most 1 % of negatives scoring at or above it, and the recall there.
        public let onePercentThreshold: Double
        public let recallAtOnePercent: Double
        public let recallAtDefault: Double
        public let falsePositivesAtDefault: Double
        public let sdnRecords: Int
        public let sdnNames: Int
        public let queries: Int
        public let distinctQueries: Int
        public let indexBuild: Duration
        public let indexTime: Duration
        public let matches: Int
        public let bruteForceSample: Int
        public let bruteForcePerQuery: Duration
        public let identicalToBruteForce: Bool
        public let crossScript: [(query: String, expected: String, score: Double)]
        /// Section 5: names in original script, and how many found their own party at the threshold.
        public let originalScript: (names: Int, found: Int)?
        public let report: String
    }

    public static func run(_ options: Options) throws -> Figures {
        var out: [String] = []
        let threshold = options.threshold
        out.append("Name matcher benchmark (threshold \(fmt(threshold))\(threshold == ScreeningIndex.defaultThreshold ? ", the default" : ""))")

        // (1) Labelled pairs.
        let cases = try csv(at: options.nameMatching + "/nomenklatura_name_bench_cases.csv").dropFirst()
        var labelled: [(score: Double, match: Bool)] = []
        var wrong: [String: [String]] = [:]
        for row in cases where row.count >= 5 {
            let type: PartyRecord.EntityType = row[1] == "Person" ? .individual : .entity
            let score = NameMatcher.compare(row[2], row[3], type: type, candidateType: type)
            labelled.append((score.value, row[4] == "true"))
            if options.listErrors, (score.value >= threshold) != (row[4] == "true") {
                let group = "\(row[0]) \(row.count > 6 ? row[6] : "") \(row[4] == "true" ? "missed" : "false alarm")"
                wrong[group, default: []].append("\(fmt(score.value)) \(row[1]) \(row[2]) ~ \(row[3]): \(score.features.joined(separator: "; "))")
            }
        }
        let atDefault = accuracy(labelled, threshold)
        let best = Set(labelled.map(\.score)).map { accuracy(labelled, $0) }.max { ($0.f1, -$0.threshold) < ($1.f1, -$1.threshold) }!
        out.append("")
        out.append("(1) nomenklatura_name_bench_cases.csv: \(labelled.count) pairs, \(labelled.filter(\.match).count) matches")
        out.append("    at \(fmt(threshold)): precision \(fmt(atDefault.precision)) recall \(fmt(atDefault.recall)) F1 \(fmt(atDefault.f1))")
        out.append("    best F1 at \(fmt(best.threshold, 4)): precision \(fmt(best.precision)) recall \(fmt(best.recall)) F1 \(fmt(best.f1))")
        for group in wrong.keys.sorted() {
            out.append("    \(group): \(wrong[group]!.count)")
            for line in wrong[group]! { out.append("      \(line)") }
        }

        // (2) yente: UN names as treated (perturbed) queries against the untreated list entries.
        let treated = try csv(at: options.nameMatching + "/yente_positives_un_treated.csv").dropFirst().map { $0[0] }
        let untreatedRows = Array(try csv(at: options.nameMatching + "/yente_positives_un_untreated.csv").dropFirst())
        var negativeNames: [String] = []
        for file in ["yente_negatives_global_synthetic.csv", "yente_negatives_us_synthetic.csv"] {
            negativeNames += try csv(at: options.nameMatching + "/" + file).dropFirst().map { $0[0] }
        }
        let (positives, negatives) = yenteScores(treated: treated, untreated: untreatedRows.map { $0[0] }, negatives: negativeNames)
        let sortedNegatives = negatives.sorted(by: >)
        let allowed = negatives.count / 100
        let onePercent = allowed < sortedNegatives.count ? max(0.5, sortedNegatives[allowed].nextUp) : 0.5
        let recallAtOnePercent = Double(positives.filter { $0 >= onePercent }.count) / Double(positives.count)
        let recallAtDefault = Double(positives.filter { $0 >= threshold }.count) / Double(positives.count)
        let fpAtDefault = Double(negatives.filter { $0 >= threshold }.count) / Double(negatives.count)
        out.append("")
        out.append("(2) yente UN positives (treated vs untreated): \(positives.count); synthetic negatives: \(negatives.count) screened against the \(untreatedRows.count) UN names")
        out.append("    threshold for <= 1% false positives: \(fmt(onePercent, 4)) -> recall \(fmt(recallAtOnePercent, 4)), false positives \(fmt(Double(negatives.filter { $0 >= onePercent }.count) / Double(negatives.count), 4))")
        out.append("    at \(fmt(threshold)): recall \(fmt(recallAtDefault, 4)), false positives \(fmt(fpAtDefault, 4))")

        // (3) Throughput against the whole 2019 SDN list.
        let clock = ContinuousClock()
        let sdn = try sdnRecords(folder: options.sdn)
        var index: ScreeningIndex?
        let buildTime = clock.measure { index = ScreeningIndex(sdn.map { (listID: "OFAC-SDN", record: $0) }) }
        let sdnIndex = index!
        var pool: [String] = []
        for row in cases where row.count >= 4 { pool += [row[2], row[3]] }
        pool += treated + untreatedRows.map { $0[0] }
        for file in ["yente_negatives_global_synthetic.csv", "yente_negatives_us_synthetic.csv"] {
            pool += try csv(at: options.nameMatching + "/" + file).dropFirst().map { $0[0] }
        }
        let crossRows = try crossScriptPairs(options.nameMatching)
        pool += crossRows.flatMap { [$0.query, $0.expected] }
        var generator = SplitMix(seed: 2019)  // the linking benchmark's generator
        let queries = (0..<options.queries).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
        let results = ResultBox(count: queries.count)
        let screenTime = clock.measure {
            let alignments = ScreeningIndex.SharedAlignments()
            let done = DispatchGroup()
            for worker in 0..<2 {
                done.enter()
                let thread = Thread {
                    // Each worker screens its half as one batch, as `exportal screen --names` and checklists do.
                    let started = threadCPUSeconds()
                    let mine = Array(stride(from: worker, to: queries.count, by: 2))
                    let found = ScreeningIndex.Searcher(sdnIndex, sharing: alignments).screen(mine.map { ScreeningQuery(name: queries[$0]) },
                                                                        threshold: threshold, limit: .max)
                    results.store(Array(zip(mine, found)), cpu: threadCPUSeconds() - started)
                    done.leave()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
            done.wait()
        }
        let screened = results.values
        let sample = Array(stride(from: 0, to: queries.count, by: max(1, queries.count / max(1, options.bruteForceSample)))).prefix(options.bruteForceSample)
        var identical = true
        let bruteTime = clock.measure {
            for i in sample where sdnIndex.bruteForce(ScreeningQuery(name: queries[i]), threshold: threshold) != screened[i] {
                identical = false
            }
        }
        let perQuery = bruteTime / max(1, sample.count)
        let matchCount = screened.reduce(0) { $0 + $1.count }
        out.append("")
        out.append("(3) OFAC SDN 2019: \(sdn.count) records, \(sdnIndex.nameCount) names (primary + aliases); index built in \(ms(buildTime))")
        out.append("    \(queries.count) queries (\(Set(queries).count) distinct names from the files above), 2 workers: \(ms(screenTime)), \(Int(Double(queries.count) / seconds(screenTime))) queries/s, \(matchCount) matches at \(fmt(threshold))")
        // On a shared machine the wall time also counts other processes; the workers' own CPU
        // time does not, and the slower worker's is the wall time on two idle cores.
        out.append("    workers' CPU time: \(results.cpu.map { fmt($0 * 1000, 1) + " ms" }.joined(separator: " and "))")
        out.append("    brute force on \(sample.count) of them: \(ms(perQuery)) per query, \(fmt(seconds(perQuery * queries.count), 1)) s extrapolated to \(queries.count) on one core")
        out.append("    index results identical to brute force on those \(sample.count): \(identical ? "yes" : "NO")")

        // (4) Cross-script pairs.
        var cross: [(query: String, expected: String, score: Double)] = []
        for pair in crossRows { cross.append((pair.query, pair.expected, NameMatcher.compare(pair.query, pair.expected).value)) }
        out.append("")
        out.append("(4) watchman_cross_script_pairs.csv: \(cross.filter { $0.score >= threshold }.count) of \(cross.count) pairs reach \(fmt(threshold))")
        for pair in cross {
            out.append("    \(pair.score >= threshold ? "yes" : " no") \(fmt(pair.score)) \(pair.query) ~ \(pair.expected)  [\(NameNormalizer.normalize(pair.query).tokens.map(\.text).joined(separator: " "))]")
        }

        // (5) The UN list's names in original script against its names in Latin letters.
        var originalScript: (names: Int, found: Int)?
        if let un = options.un {
            let (names, missed) = try originalScriptRecall(un, threshold: threshold)
            originalScript = (names, names - missed.count)
            out.append("")
            out.append("(5) UN consolidated list: \(names - missed.count) of \(names) names written wholly in another script (NAME_ORIGINAL_SCRIPT and aliases) find their own party at \(fmt(threshold)) among the list's other names")
            if options.listErrors {
                for miss in missed { out.append("    \(miss.score.map { fmt($0) } ?? "  -  ") \(miss.id) \(miss.query) ~ \(miss.best)") }
            }
        }

        return Figures(pairs: labelled.count, atDefault: atDefault, best: best, positives: positives.count, negatives: negatives.count,
                       onePercentThreshold: onePercent, recallAtOnePercent: recallAtOnePercent, recallAtDefault: recallAtDefault,
                       falsePositivesAtDefault: fpAtDefault, sdnRecords: sdn.count, sdnNames: sdnIndex.nameCount,
                       queries: queries.count, distinctQueries: Set(queries).count, indexBuild: buildTime, indexTime: screenTime,
                       matches: matchCount, bruteForceSample: sample.count, bruteForcePerQuery: perQuery,
                       identicalToBruteForce: identical, crossScript: cross, originalScript: originalScript,
                       report: out.joined(separator: "\n"))
    }

    /// Section 2's scores: each treated (perturbed) UN name against its untreated one, and each
    /// negative's best score (0 below 0.5) screened against all the untreated names. Both sides are
    /// scored with the word weights of the index of the untreated names, as screening scores them.
    public static func yenteScores(treated: [String], untreated: [String], negatives: [String]) -> (positives: [Double], negatives: [Double]) {
        let index = ScreeningIndex(untreated.enumerated().map { i, name in
            (listID: "UN", record: PartyRecord(id: String(i), primaryName: name, type: .individual))
        })
        let positives = zip(treated, untreated).map { query, name in
            NameMatcher.compare(query, name, frequencies: index.frequencies).value
        }
        let searcher = ScreeningIndex.Searcher(index)
        let scores = negatives.map { searcher.screen(ScreeningQuery(name: $0), threshold: 0.5, limit: 1).first?.score ?? 0 }
        return (positives, scores)
    }

    /// Screens each name the UN list gives wholly in another script (NAME_ORIGINAL_SCRIPT and such
    /// aliases, nearly all Arabic) against the list without those names: a party in real data, named as an exporter
    /// may find it in a document in that script, and listed under Latin names the UN chose. The
    /// misses, with the score their own party reached (nil: not even at 0.3) and its best name.
    public static func originalScriptRecall(_ path: String, threshold: Double) throws -> (names: Int, missed: [(id: String, query: String, score: Double?, best: String)]) {
        let read = PartyReaders.read(.unXML, files: ["main": URL(fileURLWithPath: path)], display: ["main": path])
        if let problem = read.diagnostics.first(where: { $0.severity == .error }) { throw Failure(description: problem.description) }
        let records = read.records
        // Written wholly in another script: aliases that mix it with Latin letters are left out.
        func isOriginal(_ name: String) -> Bool {
            name.unicodeScalars.contains { $0.value >= 0x0370 && $0.properties.isAlphabetic }
                && !name.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        }
        let latin = records.map { record in
            PartyRecord(id: record.id, primaryName: record.primaryName, type: record.type,
                        aliases: record.aliases.filter { !isOriginal($0.name) })
        }
        let index = ScreeningIndex(latin.map { (listID: "UN", record: $0) })
        let searcher = ScreeningIndex.Searcher(index)
        var names = 0
        var missed: [(id: String, query: String, score: Double?, best: String)] = []
        for record in records {
            for alias in record.aliases where isOriginal(alias.name) {
                names += 1
                let own = searcher.screen(ScreeningQuery(name: alias.name), threshold: 0.3, limit: .max).first { $0.recordID == record.id }
                if let own, own.score >= threshold { continue }
                missed.append((record.id, alias.name, own?.score, own?.name ?? record.primaryName))
            }
        }
        return (names, missed)
    }

    // MARK: - Data

    /// SDN primary names (sdn.csv column 2, type in column 3) with their aliases (alt.csv column 4).
    static func sdnRecords(folder: String) throws -> [PartyRecord] {
        var aliases: [String: [PartyRecord.Alias]] = [:]
        for row in try csv(at: folder + "/alt.csv") where row.count >= 4 && !isEmpty(row[3]) {
            aliases[row[0], default: []].append(PartyRecord.Alias(name: row[3]))
        }
        return try csv(at: folder + "/sdn.csv").compactMap { row in
            guard row.count >= 3, !isEmpty(row[1]) else { return nil }
            let type: PartyRecord.EntityType = switch row[2] {
            case "individual": .individual
            case "vessel": .vessel
            case "aircraft": .aircraft
            default: .entity
            }
            return PartyRecord(id: row[0], primaryName: row[1], type: type, aliases: aliases[row[0]] ?? [])
        }
    }

    static func crossScriptPairs(_ folder: String) throws -> [(query: String, expected: String, minimum: Double)] {
        try csv(at: folder + "/watchman_cross_script_pairs.csv").compactMap { row in
            guard row.count >= 3, !row[0].hasPrefix("#"), !row[0].isEmpty, let minimum = Double(row[2]) else { return nil }
            return (row[0], row[1], minimum)
        }
    }

    private static func isEmpty(_ field: String) -> Bool { field.isEmpty || field == "-0-" }

    /// Rows of a CSV file: comma-separated, fields optionally in double quotes (doubled quotes
    /// inside), quoted fields may span lines; fields trimmed of surrounding spaces.
    static func csv(at path: String) throws -> [[String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(data: data, encoding: .utf8) ?? String(decoding: data, as: UTF8.self)
        return parseCSV(text)
    }

    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var bytes = Array(text.utf8).makeIterator()
        var pending: UInt8? = nil
        func endField() {
            row.append(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces))
            field.removeAll(keepingCapacity: true)
        }
        func endRow() {
            endField()
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while let byte = pending ?? bytes.next() {
            pending = nil
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    let next = bytes.next()
                    if next == UInt8(ascii: "\"") { field.append(byte) } else { quoted = false; pending = next }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): quoted = true
            case UInt8(ascii: ","): endField()
            case UInt8(ascii: "\n"): endRow()
            case UInt8(ascii: "\r"), 0x1A: continue
            default: field.append(byte)
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    // MARK: - Helpers

    static func accuracy(_ scored: [(score: Double, match: Bool)], _ threshold: Double) -> Accuracy {
        var tp = 0, fp = 0, fn = 0
        for item in scored {
            let predicted = item.score >= threshold
            if predicted && item.match { tp += 1 } else if predicted { fp += 1 } else if item.match { fn += 1 }
        }
        let precision = tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp)
        let recall = tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return Accuracy(threshold: threshold, precision: precision, recall: recall, f1: f1)
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [[ScreeningMatch]]
        private(set) var cpu: [Double] = []
        init(count: Int) { values = Array(repeating: [], count: count) }
        func store(_ items: [(Int, [ScreeningMatch])], cpu seconds: Double) {
            lock.lock()
            for (i, matches) in items { values[i] = matches }
            cpu.append(seconds)
            cpu.sort()
            lock.unlock()
        }
    }

    /// CPU time the calling thread has used.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func ms(_ duration: Duration) -> String { "\(fmt(seconds(duration) * 1000, 1)) ms" }

    static func fmt(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
}
