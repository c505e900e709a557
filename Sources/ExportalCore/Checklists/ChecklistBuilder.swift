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
        var matrix: [Checklist.Product] = []
        var actions: [Checklist.Check] = []
        var risks: [Checklist.Risk] = []
        for product in profile.products {
            var rows: [Checklist.Determination] = []
            for destination in profile.destinations {
                for transfer in product.transfers {
                    let determination = context.determine(classification: classification(product), codes: product.codes.map(\.code),
                                                          destination: destination, transfer: transfer, answers: profile.answers)
                    rows.append(row(determination, destination: destination, transfer: transfer))
                    actions += self.actions(for: determination, product: product, destination: destination, transfer: transfer)
                }
                risks += ratings(product, destination: destination)
            }
            matrix.append(Checklist.Product(id: product.id, name: product.name, description: product.description ?? "",
                                            classification: product.classification.rawValue,
                                            codes: product.codes.map { codeLink($0.code) }, rows: rows))
        }
        actions += partyActions(matches)
        return Checklist(
            exporter: .init(id: profile.id, name: profile.name, country: profile.country, contact: profile.contact ?? ""),
            buildDate: buildDate ?? "not recorded (build with --build-date)",
            tool: "Exportal \(ExportalVersion.current)",
            fingerprint: fingerprint,
            ruleset: .init(id: context.ruleset.id, title: context.ruleset.title, version: context.ruleset.version),
            lists: graph.lists.filter { context.ruleset.lists.contains($0.id) }.map {
                .init(id: $0.id, title: $0.title, version: $0.version, effective: $0.effective)
            },
            matrix: matrix,
            actions: deduplicated(actions),
            risks: risks,
            parties: zip(profile.parties, matches).map { screen($0, matches: $1) },
            partyLists: (screening?.lists ?? []).map { .init(id: $0.id, title: $0.title, version: $0.version, date: $0.date) },
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

    /// A party with its potential matches (best first, at most 5), or "not screened" when the
    /// content has no party list.
    private func screen(_ party: ExporterProfile.Party, matches: [ScreeningMatch]) -> Checklist.Party {
        let verdict = screening == nil ? "not screened" : matches.isEmpty ? "no potential match" : "review required"
        return Checklist.Party(
            name: party.name, country: party.country, role: party.role.rawValue,
            endUseStatement: party.endUseStatement ? "received" : "missing", screening: verdict,
            matches: screening.map { screening in
                matches.map { match in
                    Checklist.Match(score: String(format: "%.2f", match.score), name: match.name,
                                    list: screening.title(ofList: match.listID), entry: match.recordID,
                                    url: screening.page(match).map { baseURL + $0 } ?? "",
                                    explanation: match.features.joined(separator: "; "))
                }
            } ?? [])
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

    private func actions(for d: Determination, product: ExporterProfile.Product, destination: String, transfer: TransferKind) -> [Checklist.Check] {
        let subject = "\(product.name) to \(destination)" + (transfer == .physicalExport ? "" : " (\(transfer.title))")
        let because = "Because rule \(d.ruleID) (\(d.citation)) gives: \(d.outcome.title.lowercased())."
        switch d.outcome {
        case .prohibited:
            return [.init(text: "Do not ship \(subject).", why: because)]
        case .licenceRequired:
            return [.init(text: "Apply for an export licence for \(subject) and ship only once it is granted.", why: because)]
        case .generalAuthorisation(let id, let conditions):
            return [.init(text: "Register for \(id) before its first use, and meet its conditions for every shipment under it.",
                          why: "\(id) replaces an individual licence only while its conditions are met: " + conditions.joined(separator: " "))]
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

    private func partyActions(_ matches: [[ScreeningMatch]]) -> [Checklist.Check] {
        let reviews: [Checklist.Check] = zip(profile.parties, matches).compactMap { party, found in
            guard !found.isEmpty else { return nil }
            return .init(text: "Review the potential restricted-party match for \(party.name) before any shipment involving it.",
                         why: "Screening found a listed name at or above the threshold; see section 3.")
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
    private func ratings(_ product: ExporterProfile.Product, destination: String) -> [Checklist.Risk] {
        let involved = profile.parties.filter { $0.country == destination || [.freightForwarder, .intermediary].contains($0.role) }
        let items = product.codes.compactMap { context.facts(for: $0.code) }
        let statement = profile.parties.contains {
            $0.country == destination && [.consignee, .endUser, .distributor].contains($0.role) && $0.endUseStatement
        }
        let cases: [(String, String?)] = involved.isEmpty ? [("no party named", nil)] : involved.map { ($0.name, $0.role.rawValue) }
        return cases.map { name, role in
            let rating = context.ruleset.rate(classification: classification(product), items: items, destination: destination,
                                              partyRole: role, endUseStatement: statement)
            return Checklist.Risk(product: product.name, destination: destination, party: name, level: rating.level.rawValue,
                                  score: rating.score,
                                  factors: rating.factors.isEmpty ? "no risk factor applies"
                                    : rating.factors.map { "\($0.label) (+\($0.weight))" }.joined(separator: "; "))
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
