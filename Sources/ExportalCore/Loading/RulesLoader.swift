import ExportalDomain

/// Reads `rules/<jurisdiction>.yml` into a `Ruleset`, reporting every problem at its place.
/// References to control codes and lists are checked once the lists are loaded (`check(against:)`).
struct RulesLoader {
    let folder: ContentFolder
    let report: DiagnosticSink

    static let fields = ["id", "title", "version", "lists", "groups", "questions", "chart", "rules", "risk"]

    /// A loaded ruleset and where its references are, for the cross-file checks.
    struct Loaded {
        let ruleset: Ruleset
        let file: String
        let listReferences: [(String, SourceLocation)]
        let codeReferences: [(String, SourceLocation)]
    }

    func loadAll() -> [Loaded] {
        folder.list("rules").compactMap { name in
            let relative = "rules/\(name)"
            guard name.hasSuffix(".yml"), Slug.isValid(String(name.dropLast(4))) else {
                report.error(SourceLocation(file: folder.display(relative), line: 1, column: 1),
                             "rulesets are YAML files named <jurisdiction>.yml, e.g. rules/eu.yml")
                return nil
            }
            let loaded = load(relative, id: String(name.dropLast(4)))
            if loaded == nil { report.dropped(.rules) }
            return loaded
        }
    }

    private func load(_ relative: String, id expected: String) -> Loaded? {
        guard let file = folder.read(relative, report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("a ruleset", fields: Self.fields) else { return nil }
        let id = map.required("id")?.slug("'id'")
        if let id, id != expected, let value = map["id"] {
            report.error(value.location, "ruleset id '\(id)' does not match its file name '\(expected).yml'")
        }
        let title = map.requiredString("title")
        let version = map.requiredString("version")
        let lists = map.required("lists")?.strings("'lists'") ?? []
        let groups = loadGroups(map["groups"])
        let questions = loadQuestions(map["questions"])
        let chart = map["chart"].flatMap(loadChart)
        var codeReferences: [(String, SourceLocation)] = []
        let rules = loadRules(map.required("rules"), groups: groups, questions: questions, hasChart: chart != nil,
                              codes: &codeReferences)
        let risk = map["risk"].flatMap { loadRisk($0, groups: groups) } ?? RiskModel()
        // Kept under its file's name with what it has (the errors fail the build), so profiles of its
        // jurisdiction are not reported as having no ruleset.
        return Loaded(ruleset: Ruleset(id: expected, title: title ?? expected, version: version ?? "", lists: lists.map(\.0), groups: groups,
                                       questions: questions, chart: chart, rules: rules, risk: risk),
                      file: file.path, listReferences: lists, codeReferences: codeReferences)
    }

    private func loadGroups(_ value: YAMLValue?) -> [String: Ruleset.Group] {
        var groups: [String: Ruleset.Group] = [:]
        for item in value?.sequence("'groups'") ?? [] {
            guard let map = item.mapping("a destination group", fields: ["id", "title", "countries"]),
                  let id = map.required("id")?.slug("group 'id'") else { continue }
            if groups[id] != nil || CountryCode.isAssigned(id.uppercased()) && id.count == 2 {
                report.error(map["id"]?.location ?? map.location, groups[id] != nil
                             ? "duplicate group id '\(id)'" : "group id '\(id)' reads like a country code; choose a longer name")
                continue
            }
            let countries = map.required("countries")?.sequence("'countries'")?.compactMap { $0.countryCode("each country") } ?? []
            groups[id] = Ruleset.Group(id: id, title: map.requiredString("title") ?? id, countries: Set(countries))
        }
        return groups
    }

    private func loadQuestions(_ value: YAMLValue?) -> [String: Ruleset.Question] {
        var questions: [String: Ruleset.Question] = [:]
        for item in value?.sequence("'questions'") ?? [] {
            guard let map = item.mapping("a catch-all question", fields: ["id", "text", "citation"]),
                  let id = map.required("id")?.slug("question 'id'"),
                  let text = map.requiredString("text"), let citation = map.requiredString("citation") else { continue }
            if questions[id] != nil { report.error(map.location, "duplicate question id '\(id)'") }
            questions[id] = Ruleset.Question(id: id, text: text, citation: citation)
        }
        return questions
    }

    private func loadChart(_ value: YAMLValue) -> Ruleset.CountryChart? {
        guard let map = value.mapping("'chart'", fields: ["citation", "columns", "marks"]) else { return nil }
        let columns = map.required("columns")?.strings("'columns'")?.map(\.0) ?? []
        var marks: [String: Set<String>] = [:]
        for (key, keyLocation, marked) in map.required("marks")?.keyedValues("'marks'") ?? [] {
            guard CountryCode.isAssigned(key) else {
                report.error(keyLocation, "'\(key)' is not an ISO 3166-1 alpha-2 country code")
                continue
            }
            var set = Set<String>()
            for (column, location) in marked.strings("the marks of \(key)") ?? [] {
                if columns.contains(column) { set.insert(column) } else {
                    report.error(location, "unknown chart column '\(column)'", hint: Suggestions.hint(for: column, in: columns))
                }
            }
            marks[key] = set
        }
        guard let citation = map.requiredString("citation") else { return nil }
        return Ruleset.CountryChart(columns: columns, marks: marks, citation: citation)
    }

    static let outcomes = ["no-licence-required", "general-authorisation", "licence-required", "prohibited", "indeterminate", "country-chart"]

    private func loadRules(_ value: YAMLValue?, groups: [String: Ruleset.Group], questions: [String: Ruleset.Question],
                           hasChart: Bool, codes: inout [(String, SourceLocation)]) -> [Ruleset.Rule] {
        var rules: [Ruleset.Rule] = []
        var ids: [String: SourceLocation] = [:]
        var precedences: [Int: (String, SourceLocation)] = [:]
        for item in value?.sequence("'rules'") ?? [] {
            guard let map = item.mapping("a rule", fields: ["id", "precedence", "when", "ask", "outcome", "authorisation",
                                                            "conditions", "missing", "citation", "why"]) else { continue }
            let id = map.requiredString("id")
            if let id, let value = map["id"] {
                if let first = ids[id] { report.error(value.location, "duplicate rule id '\(id)'", hint: "first defined at \(first)") }
                ids[id] = ids[id] ?? value.location
            }
            let precedence = map.required("precedence")?.positiveInt("'precedence'")
            if let precedence, let value = map["precedence"] {
                if let (other, _) = precedences[precedence] {
                    report.error(value.location, "rule '\(id ?? "?")' has the same precedence \(precedence) as rule '\(other)'",
                                 hint: "precedence decides which rule applies first, so it must be unique")
                } else {
                    precedences[precedence] = (id ?? "?", value.location)
                }
            }
            let condition = map["when"].flatMap { loadCondition($0, groups: groups, codes: &codes) } ?? Ruleset.Condition()
            let ask = map["ask"]?.strings("'ask'") ?? []
            for (question, location) in ask where questions[question] == nil {
                report.error(location, "unknown question '\(question)'", hint: Suggestions.hint(for: question, in: questions.keys))
            }
            let outcome = map.required("outcome").flatMap { loadOutcome($0, map: map, hasChart: hasChart) }
            let citation = map.requiredString("citation")
            let why = map.requiredString("why")
            guard let id, let precedence, let outcome, let citation, let why else { continue }
            rules.append(Ruleset.Rule(id: id, precedence: precedence, when: condition, ask: ask.map(\.0), outcome: outcome,
                                      citation: citation, why: why))
        }
        return rules
    }

    private func loadOutcome(_ value: YAMLValue, map: YAMLMapping, hasChart: Bool) -> Ruleset.RuleOutcome? {
        guard let text = value.string("'outcome'") else { return nil }
        let authorisation = map.optionalString("authorisation")
        let conditions = map["conditions"]?.strings("'conditions'")?.map(\.0) ?? []
        let missing = map["missing"]?.strings("'missing'")?.map(\.0) ?? []
        func forbid(_ field: String, unless allowed: Bool) {
            if !allowed, let extra = map[field] {
                report.error(extra.location, "'\(field)' only belongs to a rule whose outcome needs it", hint: "outcome is '\(text)'")
            }
        }
        forbid("authorisation", unless: text == "general-authorisation")
        forbid("conditions", unless: text == "general-authorisation")
        forbid("missing", unless: text == "indeterminate")
        switch text {
        case "no-licence-required": return .noLicenceRequired
        case "licence-required": return .licenceRequired
        case "prohibited": return .prohibited
        case "general-authorisation":
            guard let authorisation else {
                report.error(value.location, "a general-authorisation rule needs 'authorisation' (its name, e.g. EU001)")
                return nil
            }
            return .generalAuthorisation(id: authorisation, conditions: conditions)
        case "indeterminate":
            guard !missing.isEmpty else {
                report.error(value.location, "an indeterminate rule needs 'missing': the facts that would decide it")
                return nil
            }
            return .indeterminate(missing: missing)
        case "country-chart":
            guard hasChart else {
                report.error(value.location, "outcome 'country-chart' needs a 'chart' section in the ruleset")
                return nil
            }
            return .countryChart
        default:
            report.error(value.location, "unknown outcome '\(text)'",
                         hint: Suggestions.hint(for: text, in: Self.outcomes) ?? "use one of: " + Self.outcomes.joined(separator: ", "))
            return nil
        }
    }

    private func loadCondition(_ value: YAMLValue, groups: [String: Ruleset.Group], codes: inout [(String, SourceLocation)]) -> Ruleset.Condition? {
        guard let map = value.mapping("'when'", fields: ["classification", "destinations", "not_destinations", "transfers",
                                                         "reasons", "regimes", "codes", "annex_iv"]) else { return nil }
        var condition = Ruleset.Condition()
        if let value = map["classification"], let text = value.string("'classification'") {
            condition.classification = Classification(rawValue: text)
            if condition.classification == nil || condition.classification == .unclassified {
                report.error(value.location, "'classification' in a rule must be listed or not-listed",
                             hint: "unclassified products are always indeterminate")
            }
        }
        condition.destinations = destinations(map["destinations"], "'destinations'", groups: groups)
        condition.notDestinations = destinations(map["not_destinations"], "'not_destinations'", groups: groups)
        condition.transfers = vocabulary(map["transfers"], "'transfers'", TransferKind.self, "transfer kind")
        condition.reasons = vocabulary(map["reasons"], "'reasons'", ReasonForControl.self, "reason for control")
        condition.regimes = vocabulary(map["regimes"], "'regimes'", ControlRegime.self, "regime")
        let written = map["codes"]?.strings("'codes'") ?? []
        codes += written
        condition.codes = written.map(\.0)
        if let value = map["annex_iv"] { condition.annexIV = value.bool("'annex_iv'") }
        return condition
    }

    private func destinations(_ value: YAMLValue?, _ what: String, groups: [String: Ruleset.Group]) -> [String] {
        (value?.strings(what) ?? []).compactMap { text, location in
            if groups[text] != nil || CountryCode.isAssigned(text) { return text }
            report.error(location, "'\(text)' is neither a destination group nor an ISO 3166-1 alpha-2 country code",
                         hint: Suggestions.hint(for: text, in: groups.keys))
            return nil
        }
    }

    private func vocabulary<T: RawRepresentable & CaseIterable>(_ value: YAMLValue?, _ what: String, _ type: T.Type,
                                                                 _ noun: String) -> [T] where T.RawValue == String {
        (value?.strings(what) ?? []).compactMap { text, location in
            if let known = T(rawValue: text) { return known }
            let names = T.allCases.map(\.rawValue)
            report.error(location, "unknown \(noun) '\(text)'",
                         hint: Suggestions.hint(for: text, in: names) ?? "use one of: " + names.joined(separator: ", "))
            return nil
        }
    }

    private func loadRisk(_ value: YAMLValue, groups: [String: Ruleset.Group]) -> RiskModel? {
        guard let map = value.mapping("'risk'", fields: ["medium_from", "high_from", "reasons", "regimes", "destinations", "roles",
                                                         "missing_end_use_statement", "unclassified"]) else { return nil }
        var risk = RiskModel()
        risk.mediumFrom = map["medium_from"]?.weight("'medium_from'") ?? risk.mediumFrom
        risk.highFrom = map["high_from"]?.weight("'high_from'") ?? risk.highFrom
        if risk.highFrom < risk.mediumFrom, let value = map["high_from"] {
            report.error(value.location, "'high_from' must not be below 'medium_from'")
        }
        for (key, location, weight) in map["reasons"]?.keyedValues("'reasons'") ?? [] {
            guard let reason = ReasonForControl(rawValue: key) else {
                report.error(location, "unknown reason for control '\(key)'", hint: Suggestions.hint(for: key, in: ReasonForControl.allCases.map(\.rawValue)))
                continue
            }
            risk.reasons[reason] = weight.weight("the weight of \(key)")
        }
        for (key, location, weight) in map["regimes"]?.keyedValues("'regimes'") ?? [] {
            guard let regime = ControlRegime(rawValue: key) else {
                report.error(location, "unknown regime '\(key)'", hint: Suggestions.hint(for: key, in: ControlRegime.allCases.map(\.rawValue)))
                continue
            }
            risk.regimes[regime] = weight.weight("the weight of \(key)")
        }
        for (key, location, weight) in map["destinations"]?.keyedValues("'destinations'") ?? [] {
            guard groups[key] != nil || CountryCode.isAssigned(key) else {
                report.error(location, "'\(key)' is neither a destination group nor an ISO 3166-1 alpha-2 country code",
                             hint: Suggestions.hint(for: key, in: groups.keys))
                continue
            }
            if let value = weight.weight("the weight of \(key)") { risk.destinations.append((key, value)) }
        }
        for (key, location, weight) in map["roles"]?.keyedValues("'roles'") ?? [] {
            let roles = ExporterProfile.PartyRole.allCases.map(\.rawValue)
            guard roles.contains(key) else {
                report.error(location, "unknown party role '\(key)'", hint: Suggestions.hint(for: key, in: roles))
                continue
            }
            risk.roles[key] = weight.weight("the weight of \(key)")
        }
        risk.missingEndUseStatement = map["missing_end_use_statement"]?.weight("'missing_end_use_statement'") ?? 0
        risk.unclassified = map["unclassified"]?.weight("'unclassified'") ?? 0
        return risk
    }
}
