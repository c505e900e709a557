import ExportalDomain
import Foundation

/// Loads one PRIVATE exporter profile. Nothing here is ever handed to the portal renderer.
struct ExporterLoader {
    let folder: ContentFolder
    let id: String
    let relative: String
    /// Every code of every loaded control list: a product's codes must name one of them.
    let knownCodes: Set<String>
    let report: DiagnosticSink

    func load() -> ExporterProfile? {
        guard let file = folder.read(relative, report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("an exporter profile", fields: ["name", "country", "jurisdiction", "contact",
                                                                    "products", "destinations", "parties", "catch_all",
                                                                    "roles", "icp", "reviewed", "dispositions"]) else { return nil }
        let name = map.requiredString("name")
        let country = map.required("country").flatMap { self.country($0, "'country'") }
        let jurisdiction = map["jurisdiction"]?.slug("'jurisdiction'")
        let productValues = map.required("products")?.sequence("'products'") ?? []
        if productValues.isEmpty, let value = map["products"] {
            report.error(value.location, "'products' must list at least one product")
        }
        var productIDs = Set<String>()
        let products = productValues.compactMap { product($0, ids: &productIDs) }
        let destinations = map.required("destinations")?.sequence("'destinations'")?.compactMap { self.country($0, "each destination") }
        let parties = (map["parties"]?.sequence("'parties'") ?? []).compactMap(party)
        var answers: [String: Bool] = [:]
        var answerLocations: [(String, SourceLocation)] = []
        for (question, keyLocation, answer) in map["catch_all"]?.keyedValues("'catch_all'") ?? [] {
            guard let text = answer.string("the answer to '\(question)'"), ["yes", "no"].contains(text) else {
                if answer.node.scalar.map({ !["yes", "no"].contains($0.string) }) == true {
                    report.error(answer.location, "the answer to '\(question)' must be yes or no")
                }
                continue
            }
            answers[question] = text == "yes"
            answerLocations.append((question, keyLocation))
        }
        let roles = map["roles"].flatMap { audienceList($0, report: report) } ?? []
        var icp: [String: String] = [:]
        for (element, location, answer) in map["icp"]?.keyedValues("'icp'") ?? [] {
            guard ICPElement.ids.contains(element) else {
                report.error(location, "unknown internal compliance programme element '\(element)'",
                             hint: Suggestions.hint(for: element, in: ICPElement.ids) ?? "use one of: " + ICPElement.ids.joined(separator: ", "))
                continue
            }
            icp[element] = answer.string("the answer for '\(element)'")
        }
        guard let name, let country, let destinations else { return nil }
        var profile = ExporterProfile(id: id, name: name, country: country, jurisdiction: jurisdiction,
                                      contact: map.optionalString("contact"), products: products,
                                      destinations: destinations, parties: parties)
        profile.answers = answers
        profile.jurisdictionLocation = map["jurisdiction"]?.location
        profile.answerLocations = answerLocations
        profile.roles = roles
        profile.icp = icp
        profile.file = folder.display(relative)
        profile.reviewed = reviewed(map["reviewed"])
        profile.dispositions = (map["dispositions"]?.sequence("'dispositions'") ?? []).compactMap(disposition)
        return profile
    }

    /// `reviewed:`, a mapping of list id to the version last reviewed. Whether the list and the
    /// version exist is checked against the loaded lists (`ExporterReviewCheck`).
    private func reviewed(_ value: YAMLValue?) -> [ExporterProfile.ReviewedVersion] {
        var seen = Set<String>()
        return (value?.keyedValues("'reviewed'") ?? []).compactMap { list, location, version in
            guard Slug.isValid(list) else {
                report.error(location, "'reviewed' takes list ids, found '\(list)'")
                return nil
            }
            guard seen.insert(list).inserted else {
                report.error(location, "list '\(list)' is named twice in 'reviewed'")
                return nil
            }
            guard let text = version.string("the version reviewed of '\(list)'") else { return nil }
            return .init(list: list, version: text, listLocation: location, versionLocation: version.location)
        }
    }

    private func disposition(_ value: YAMLValue) -> ExporterProfile.RecordedDisposition? {
        guard let map = value.mapping("a disposition", fields: ["party", "list", "entry", "decision", "reviewer", "date", "reason",
                                                                "version"]) else { return nil }
        let party = map.requiredString("party"), list = map.required("list")?.slug("'list'")
        let entry = map.requiredString("entry"), reviewer = map.requiredString("reviewer"), reason = map.requiredString("reason")
        let version = map.requiredString("version"), date = map.required("date")?.date("'date'")
        let decision = map.required("decision").flatMap { value -> Disposition.Decision? in
            guard let text = value.string("'decision'") else { return nil }
            guard let decision = Disposition.Decision(rawValue: text) else {
                let names = Disposition.Decision.allCases.map(\.rawValue)
                report.error(value.location, "unknown decision '\(text)'",
                             hint: Suggestions.hint(for: text, in: names) ?? "use one of: " + names.joined(separator: ", "))
                return nil
            }
            return decision
        }
        guard let party, let list, let entry, let decision, let reviewer, let date, let reason, let version,
              let partyAt = map["party"]?.location, let listAt = map["list"]?.location, let entryAt = map["entry"]?.location,
              let versionAt = map["version"]?.location, let dateAt = map["date"]?.location else { return nil }
        return .init(disposition: Disposition(party: party, list: list, entry: entry, decision: decision, reviewer: reviewer, date: date,
                                              reason: reason, version: version),
                     location: map.location, partyLocation: partyAt, listLocation: listAt, entryLocation: entryAt,
                     versionLocation: versionAt, dateLocation: dateAt)
    }

    private func product(_ value: YAMLValue, ids: inout Set<String>) -> ExporterProfile.Product? {
        guard let map = value.mapping("a product", fields: ["id", "name", "description", "classification", "codes",
                                                            "transfers"]) else { return nil }
        let productID = map.required("id").flatMap { value -> String? in
            guard let text = value.slug("product 'id'") else { return nil }
            if !ids.insert(text).inserted { report.error(value.location, "duplicate product id '\(text)'") }
            return text
        }
        let name = map.requiredString("name")
        let classification = map.required("classification").flatMap { value -> ExporterProfile.Classification? in
            guard let text = value.string("'classification'") else { return nil }
            guard let known = ExporterProfile.Classification(rawValue: text) else {
                report.error(value.location, "unknown classification '\(text)'",
                             hint: "use listed, not-listed or unclassified")
                return nil
            }
            return known
        }
        let codes = map["codes"]?.strings("'codes'") ?? []
        for (code, location) in codes where !knownCodes.contains(code) {
            let nearby = Suggestions.nearest(to: code, in: knownCodes, limit: 3)
            report.error(location, "unknown control code '\(code)' in product '\(productID ?? "?")'",
                         hint: nearby.isEmpty ? "no loaded control list has it" : "did you mean \(nearby.joined(separator: ", "))?",
                         refersTo: .controls)
        }
        if classification == .listed, codes.isEmpty {
            report.error(map["codes"]?.location ?? map.location, "a listed product needs its control codes in 'codes'")
        }
        if let classification, classification != .listed, let value = map["codes"] {
            report.error(value.location, "a product classified '\(classification.rawValue)' must not have 'codes'",
                         hint: "set 'classification: listed' or remove the codes")
        }
        let transfers = (map["transfers"]?.strings("'transfers'") ?? []).compactMap { text, location -> TransferKind? in
            if let kind = TransferKind(rawValue: text) { return kind }
            let names = TransferKind.allCases.map(\.rawValue)
            report.error(location, "unknown transfer kind '\(text)'",
                         hint: Suggestions.hint(for: text, in: names) ?? "use one of: " + names.joined(separator: ", "))
            return nil
        }
        guard let productID, let name, let classification else { return nil }
        return ExporterProfile.Product(id: productID, name: name, description: map.optionalString("description"),
                                       classification: classification,
                                       codes: codes.map { (code: $0.0, location: $0.1) },
                                       transfers: transfers.isEmpty ? [.physicalExport] : transfers)
    }

    private func party(_ value: YAMLValue) -> ExporterProfile.Party? {
        guard let map = value.mapping("a party", fields: ["name", "country", "role", "end_use_statement"]) else { return nil }
        let name = map.requiredString("name")
        let country = map.required("country").flatMap { self.country($0, "'country'") }
        let role = map.required("role").flatMap { value -> ExporterProfile.PartyRole? in
            guard let text = value.string("'role'") else { return nil }
            guard let role = ExporterProfile.PartyRole(rawValue: text) else {
                let names = ExporterProfile.PartyRole.allCases.map(\.rawValue)
                report.error(value.location, "unknown party role '\(text)'",
                             hint: Suggestions.hint(for: text, in: names) ?? "use one of: " + names.joined(separator: ", "))
                return nil
            }
            return role
        }
        guard let name, let country, let role else { return nil }
        if let overlong = QueryBound.overlong(name), let at = map["name"]?.location { report.warning(at, overlong) }
        return ExporterProfile.Party(name: name, country: country, role: role,
                                     endUseStatement: map.optionalBool("end_use_statement", default: false))
    }

    private func country(_ value: YAMLValue, _ what: String) -> String? { value.countryCode(what) }
}
