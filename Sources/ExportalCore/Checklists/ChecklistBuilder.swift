import ExportalDomain
import Foundation

/// The tool version printed on checklists and mixed into their input fingerprint.
public enum ExportalVersion {
    public static let current = "0.3.0"
}

/// Builds one exporter's checklist as a typed value (`Checklist`): it is written as
/// `checklist.json` and is the source of the HTML page's template context, so the two cannot say
/// different things. PRIVATE: it holds profile data.
struct ChecklistBuilder {
    let profile: ExporterProfile
    let context: LicensingContext
    let graph: ContentGraph
    let baseURL: String
    let buildDate: String?
    let fingerprint: String
    /// The content's restricted-party lists, when it has any.
    let screening: PartyScreening?

    /// Each party screened once, with one searcher, up to 5 matches.
    private var partyMatches: [[ScreeningMatch]] {
        guard let screening else { return profile.parties.map { _ in [] } }
        return screening.screen(profile.parties.map { ScreeningQuery(name: $0.name, country: $0.country) },
                                threshold: ScreeningIndex.defaultThreshold, limit: 5)
    }

    func build() -> Checklist {
        let matches = partyMatches
        let ledger = DispositionLedger(profile, lists: screening?.lists ?? [])
        let keys = currentKeys
        let parties = zip(profile.parties, matches).map { screen($0, matches: $1, ledger: ledger, keys: keys) }
        var matrix: [Checklist.Product] = []
        var actions: [Checklist.Check] = []
        var risks: [Checklist.Risk] = []
        var riskFactors: [[String]] = []
        for product in profile.products {
            var rows: [Checklist.Determination] = [], determinations: [Determination] = []
            for destination in profile.destinations {
                for transfer in product.transfers {
                    let determination = context.determine(classification: classification(product), codes: product.codes.map(\.code),
                                                          destination: destination, transfer: transfer, answers: profile.answers)
                    rows.append(row(determination, destination: destination, transfer: transfer))
                    determinations.append(determination)
                }
                for (risk, factors) in ratings(product, destination: destination) {
                    risks.append(risk)
                    riskFactors.append(factors)
                }
            }
            // One action per group of destinations that share a determination, as the table prints them.
            let partition = DestinationGrouping.partition(rows)
            for members in partition {
                let first = members[0], transfer = product.transfers[first % product.transfers.count]
                actions += self.actions(for: determinations[first], product: product,
                                        destinations: members.map { rows[$0].destination }, transfer: transfer)
            }
            matrix.append(Checklist.Product(id: product.id, name: product.name, description: product.description ?? "",
                                            classification: product.classification.rawValue,
                                            codes: product.codes.map { codeLink($0.code) }, rows: rows,
                                            groups: DestinationGrouping.groups(rows, partition: partition)))
        }
        actions += partyActions(parties)
        return Checklist(
            exporter: .init(id: profile.id, name: profile.name, country: profile.country, contact: profile.contact ?? ""),
            buildDate: buildDate ?? "not recorded (build with --build-date)",
            tool: "Exportal \(ExportalVersion.current)",
            fingerprint: fingerprint,
            ruleset: .init(id: context.ruleset.id, title: context.ruleset.title, version: context.ruleset.version),
            lists: graph.lists.filter { context.ruleset.lists.contains($0.id) }.map {
                .init(id: $0.id, title: $0.title, version: $0.version, effective: $0.effective)
            },
            sinceReview: ReviewChanges(profile: profile, screening: screening, controlLists: graph.lists.map(\.list), listOf: context.listOf,
                                       baseURL: baseURL).build(currentMatches: matches),
            matrix: matrix,
            authorisations: DestinationGrouping.authorisations(matrix.flatMap(\.rows)),
            actions: deduplicated(actions),
            risks: risks,
            riskTables: DestinationGrouping.riskTables(risks, factors: riskFactors),
            parties: parties,
            partyLists: (screening?.lists ?? []).map { .init(id: $0.id, title: $0.title, version: $0.version, date: $0.date) },
            dispositions: ledger.records,
            redFlags: Self.redFlags.map { .init(text: $0, why: "A standard know-your-customer warning sign; confirm it is absent or explained.") },
            icp: ICPElement.all.map { element in
                .init(id: element.id, title: element.title, check: element.check, answer: profile.icp[element.id] ?? "No answer in the profile.")
            },
            training: training(),
            questions: context.ruleset.questions.values.sorted { $0.id < $1.id }.map { question in
                .init(id: question.id, text: question.text, citation: question.citation,
                      answer: profile.answers[question.id].map { $0 ? "yes" : "no" } ?? "not answered")
            })
    }

    /// A party with its potential matches (best first, at most 5), each with the decision recorded on
    /// it, or "not screened" when the content has no party list.
    private func screen(_ party: ExporterProfile.Party, matches: [ScreeningMatch], ledger: DispositionLedger,
                        keys: [String: [String: String]]) -> Checklist.Party {
        guard let screening else {
            return Checklist.Party(name: party.name, country: party.country, role: party.role.rawValue,
                                   endUseStatement: party.endUseStatement ? "received" : "missing", screening: "not screened", matches: [])
        }
        let found = matches.map { match in
            let key = keys[match.listID]?[match.recordID] ?? match.recordID
            return Checklist.Match(score: String(format: "%.2f", match.score), name: match.name,
                                   list: screening.title(ofList: match.listID), entry: match.recordID,
                                   url: screening.page(match).map { baseURL + $0 } ?? "",
                                   explanation: match.features.joined(separator: "; "),
                                   review: ledger.review(party: party.name, list: match.listID, key: key))
        }
        return Checklist.Party(name: party.name, country: party.country, role: party.role.rawValue,
                               endUseStatement: party.endUseStatement ? "received" : "missing", screening: Self.verdict(found),
                               matches: found)
    }

    /// What screening leaves to do for a party: a match without a standing decision needs review first.
    static func verdict(_ matches: [Checklist.Match]) -> String {
        let standing = matches.filter { $0.review.status == "standing" }.map(\.review.decision)
        if matches.isEmpty { return "no potential match" }
        if standing.count < matches.count { return "review required" }
        if standing.contains(Disposition.Decision.confirmedMatch.rawValue) { return "confirmed match" }
        if standing.contains(Disposition.Decision.escalated.rawValue) { return "escalated" }
        return "cleared"
    }

    /// The identity of each current record of each party list, by record id, for matching decisions to matches.
    private var currentKeys: [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: (screening?.lists ?? []).map { ($0.id, $0.keys(ofVersion: $0.version)) })
    }

    private func classification(_ product: ExporterProfile.Product) -> Classification {
        switch product.classification {
        case .listed: .listed
        case .notListed: .notListed
        case .unclassified: .unclassified
        }
    }

    /// An absolute link to an entry page of the published portal (checklists live outside it).
    private func codeLink(_ code: String) -> Checklist.CodeLink {
        guard let list = context.listOf[code], let parsed = ControlCode(code) else { return .init(code: code, url: "") }
        let anchor = parsed.isEntry ? "" : "#\(code)"
        return .init(code: code, url: baseURL + PortalPaths.entry(list: list, entryCode: parsed.entryCode) + anchor)
    }

    private func row(_ d: Determination, destination: String, transfer: TransferKind) -> Checklist.Determination {
        var row = Checklist.Determination(destination: destination, transfer: transfer.title, outcome: d.outcome.kind,
                                          title: d.outcome.title, rule: d.ruleID, citation: d.citation, why: d.why, code: d.code,
                                          entry: d.code.map(codeLink) ?? .init(code: "", url: ""), authorisation: nil,
                                          conditions: [], missing: [], unanswered: d.unanswered)
        switch d.outcome {
        case .generalAuthorisation(let id, let conditions):
            row.authorisation = id
            row.conditions = conditions
        case .indeterminate(let missing):
            row.missing = missing
        default:
            break
        }
        return row
    }

    private func actions(for d: Determination, product: ExporterProfile.Product, destinations: [String],
                         transfer: TransferKind) -> [Checklist.Check] {
        let subject = "\(product.name) to \(DispositionStatus.phrase(destinations))" + (transfer == .physicalExport ? "" : " (\(transfer.title))")
        let because = "Because rule \(d.ruleID) (\(d.citation)) gives: \(d.outcome.title.lowercased())."
        switch d.outcome {
        case .prohibited:
            return [.init(text: "Do not ship \(subject).", why: because)]
        case .licenceRequired:
            return [.init(text: "Apply for an export licence for \(subject) and ship only once it is granted.", why: because)]
        case .generalAuthorisation(let id, let conditions):
            return [.init(text: "Register for \(id) before its first use, and meet its conditions for every shipment under it.",
                          why: "\(id) replaces an individual licence only while its \(conditions.count) conditions are met; "
                            + "they are listed once, under General authorisations in section 1.")]
        case .indeterminate(let missing):
            if product.classification == .unclassified {
                return [.init(text: "Classify \(product.name) against the control list before quoting or shipping.", why: because)]
            }
            if !d.unanswered.isEmpty {
                return [.init(text: "Answer the catch-all questions below for \(product.name), and notify the competent authority if any answer is yes.",
                              why: "Until they are answered, rule \(d.ruleID) (\(d.citation)) leaves the outcome open for unlisted items.")]
            }
            return [.init(text: "Resolve before shipping \(subject): " + missing.joined(separator: "; "), why: because)]
        case .noLicenceRequired:
            return []
        }
    }

    private func partyActions(_ parties: [Checklist.Party]) -> [Checklist.Check] {
        let reviews: [Checklist.Check] = parties.compactMap { party in
            switch party.screening {
            case "review required":
                return .init(text: "Review the potential restricted-party match for \(party.name) before any shipment involving it.",
                             why: "Screening found a listed name at or above the threshold without a decision that still holds; see section 3.")
            case "confirmed match":
                return .init(text: "Do not ship to or through \(party.name) without the authority's approval.",
                             why: "A reviewer confirmed its potential match as the listed party; see section 3.")
            case "escalated":
                return .init(text: "Hold shipments involving \(party.name) until the escalated review of its potential match is decided.",
                             why: "A reviewer escalated the potential match; see section 3.")
            default:
                return nil
            }
        }
        return reviews + profile.parties.filter { !$0.endUseStatement }.map { party in
            .init(text: "Obtain a signed end-use statement from \(party.name) (\(party.country)).",
                  why: "The profile records no end-use statement for this \(party.role.rawValue.replacingOccurrences(of: "-", with: " ")); "
                    + "licence applications and general authorisations rely on one.")
        }
    }

    /// Parties in the destination, plus forwarders and intermediaries, who take part in every shipment.
    /// An end-use statement belongs to the transaction: it counts if a consignee, end user or
    /// distributor in the destination has given one.
    /// Each rating with its factors one by one, for the grouped table.
    private func ratings(_ product: ExporterProfile.Product, destination: String) -> [(Checklist.Risk, [String])] {
        let involved = profile.parties.filter { $0.country == destination || [.freightForwarder, .intermediary].contains($0.role) }
        let items = product.codes.compactMap { context.facts(for: $0.code) }
        let statement = profile.parties.contains {
            $0.country == destination && [.consignee, .endUser, .distributor].contains($0.role) && $0.endUseStatement
        }
        let cases: [(String, String?)] = involved.isEmpty ? [("no party named", nil)] : involved.map { ($0.name, $0.role.rawValue) }
        return cases.map { name, role in
            let rating = context.ruleset.rate(classification: classification(product), items: items, destination: destination,
                                              partyRole: role, endUseStatement: statement)
            let factors = rating.factors.map { "\($0.label) (+\($0.weight))" }
            return (Checklist.Risk(product: product.name, destination: destination, party: name, level: rating.level.rawValue,
                                   score: rating.score, factors: factors.isEmpty ? "no risk factor applies" : factors.joined(separator: "; ")),
                    factors)
        }
    }

    private func training() -> [Checklist.Training] {
        let roles = profile.roles.isEmpty ? Audience.allCases : profile.roles
        return roles.map { role in
            let modules = graph.modules.filter { $0.audience.isEmpty || $0.audience.contains(role) }
            return Checklist.Training(role: role.title, roleID: role.rawValue, modules: modules.map { module in
                .init(title: module.title, url: baseURL + PortalPaths.module(module.id), minutes: module.minutes,
                      lessons: module.lessons.map { .init(title: $0.title, url: baseURL + PortalPaths.lesson(module: module.id, $0.slug)) })
            }, why: modules.isEmpty ? "No module of this portal is written for this role yet." :
                "These modules are written for \(role.title.lowercased()) staff.")
        }
    }

    private func deduplicated(_ actions: [Checklist.Check]) -> [Checklist.Check] {
        var seen = Set<String>()
        return actions.filter { seen.insert($0.text).inserted }
    }

    /// Know-your-customer warning signs, in our own words.
    static let redFlags = [
        "The customer is reluctant to say what the item is for or where it will be used.",
        "The stated end use does not fit the customer's business or the item's performance.",
        "The customer asks for performance, quantities or features beyond what its use needs.",
        "Payment is offered in cash, from a third country or through an unrelated party.",
        "Delivery goes to a freight forwarder, a free-trade zone or an address that is not the customer's.",
        "The routing is unusual for the product and the destination, or the destination changes late.",
        "The customer declines installation, training or warranty that would normally be wanted.",
        "The customer or its owners are new, hard to verify, or share details with listed parties.",
        "Packaging, labelling or documents are asked to hide the item's nature or destination.",
        "The customer has little technical background for a sophisticated item.",
        "Screening has produced a potential match that has not been resolved.",
        "The order is urgent for no clear reason, or asks to split shipments below thresholds.",
    ]
}
