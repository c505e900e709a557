import Foundation

/// One exporter's checklist as data. PRIVATE: it holds profile data.
///
/// `checklist.json` is this value encoded (sorted keys), and the HTML page's template context is
/// built from it (`Checklist+Template.swift`), so the page and the file say the same thing. Fields
/// that have nothing to say hold `""` or `[]` rather than being left out, so every file has the
/// same shape:
///
///     let checklist = try JSONDecoder().decode(Checklist.self, from: data)
///     checklist.matrix[0].rows[0].outcome   // "licence-required"
struct Checklist: Codable, Sendable, Equatable {
    var exporter: Exporter
    /// The `--build-date`, or a note that none was given.
    var buildDate: String
    /// "Exportal" and its version.
    var tool: String
    /// SHA-256 over every input the checklist was built from.
    var fingerprint: String
    var ruleset: RulesetVersion
    /// The control lists the ruleset decides on.
    var lists: [ControlListVersion]
    /// What changed in the lists since the versions the profile says it last reviewed against;
    /// empty when it names none.
    var sinceReview: SinceReview
    /// Section 1: one determination per product, destination and transfer (`rows`), and the same
    /// grouped by outcome (`groups`), as the page prints them.
    var matrix: [Product]
    /// Each general authorisation the determinations use, with its conditions, once.
    var authorisations: [Authorisation]
    /// Section 2: what to do before shipping, each once, in the order the determinations gave them.
    var actions: [Check]
    /// One rating per product, destination and party (`risks`), and the same as the page prints
    /// them: one table per product, destinations with the same rating for a party in one row.
    var risks: [Risk]
    var riskTables: [RiskTable]
    /// Section 3: each party of the profile, screened against `partyLists`.
    var parties: [Party]
    var partyLists: [PartyListVersion]
    /// Every decision the profile records, whether it still holds, in the profile's order.
    var dispositions: [DispositionRecord]
    /// Section 4.
    var redFlags: [Check]
    /// Section 5.
    var icp: [ICPCheck]
    /// Section 6.
    var training: [Training]
    /// The ruleset's catch-all questions and the profile's answers.
    var questions: [Question]

    struct Exporter: Codable, Sendable, Equatable {
        var id: String
        var name: String
        var country: String
        /// `""` when the profile names no contact.
        var contact: String
    }

    struct RulesetVersion: Codable, Sendable, Equatable {
        var id: String
        var title: String
        var version: String
    }

    struct ControlListVersion: Codable, Sendable, Equatable {
        var id: String
        var title: String
        var version: String
        var effective: String
    }

    struct PartyListVersion: Codable, Sendable, Equatable {
        var id: String
        var title: String
        var version: String
        var date: String
    }

    struct Product: Codable, Sendable, Equatable {
        var id: String
        var name: String
        /// `""` when the profile gives none.
        var description: String
        /// `listed`, `not-listed` or `unclassified`.
        var classification: String
        var codes: [CodeLink]
        var rows: [Determination]
        /// `rows` with the destinations that share everything else in one group, in first-seen order.
        var groups: [DestinationGroup]
    }

    /// Destinations that share an outcome, a rule and its reasons: one row on the page.
    struct DestinationGroup: Codable, Sendable, Equatable {
        var destinations: [String]
        var transfer: String
        var outcome: String
        var title: String
        var rule: String
        var citation: String
        var why: String
        var code: String?
        var entry: CodeLink
        /// The general authorisation's id (its conditions are in `authorisations`), for `general-authorisation` only.
        var authorisation: String?
        var missing: [String]
        var unanswered: [String]
    }

    struct Authorisation: Codable, Sendable, Equatable {
        var id: String
        var conditions: [String]
    }

    struct RiskTable: Codable, Sendable, Equatable {
        /// The products rated alike, by name.
        var products: [String]
        /// The factors every rating of the product shares, `""` when none does.
        var common: String
        var rows: [RiskGroup]
    }

    struct RiskGroup: Codable, Sendable, Equatable {
        var destinations: [String]
        var party: String
        var level: String
        var score: Int
        var factors: String
    }

    /// A control code with an absolute link to its entry in the published portal (`""` when the
    /// code is in none of the ruleset's lists).
    struct CodeLink: Codable, Sendable, Equatable {
        var code: String
        var url: String
    }

    /// One licence determination: the outcome for a product, a destination and a transfer.
    struct Determination: Codable, Sendable, Equatable {
        var destination: String
        var transfer: String
        /// The outcome's kind, e.g. `licence-required`, and its title for people.
        var outcome: String
        var title: String
        var rule: String
        var citation: String
        var why: String
        /// The code that decided, when one did.
        var code: String?
        /// That code's link; both fields `""` when no code decided.
        var entry: CodeLink
        /// The general authorisation's id, for `general-authorisation` only.
        var authorisation: String?
        /// The general authorisation's conditions.
        var conditions: [String]
        /// What an `indeterminate` outcome still needs.
        var missing: [String]
        /// Catch-all questions the profile has not answered (listed once, with `questions`).
        var unanswered: [String]
    }

    /// A checkbox line: what to do and why.
    struct Check: Codable, Sendable, Equatable {
        var text: String
        var why: String
    }

    struct Risk: Codable, Sendable, Equatable {
        var product: String
        var destination: String
        /// The party's name, or `no party named`.
        var party: String
        var level: String
        var score: Int
        /// The factors beyond the table's `common` ones.
        var factors: String
    }

    /// A party of the profile and what screening found.
    struct Party: Codable, Sendable, Equatable {
        var name: String
        var country: String
        var role: String
        /// `received` or `missing`.
        var endUseStatement: String
        /// `not screened`, `no potential match`, `review required` (a match without a standing
        /// decision), `confirmed match`, `escalated` or `cleared` (every match a standing false positive).
        var screening: String
        /// Best first, at most 5.
        var matches: [Match]
    }

    struct Match: Codable, Sendable, Equatable {
        /// Two decimals, as printed.
        var score: String
        var name: String
        /// The list's title.
        var list: String
        /// The record's id in that list.
        var entry: String
        /// Its page in the published portal, `""` when it has none.
        var url: String
        var explanation: String
        /// The reviewer's decision on this match, if the profile records one.
        var review: Review
    }

    /// The decision that applies to a match: `open` (none recorded; all other fields `""`),
    /// `standing` (it holds) or `reopened` (a later amendment needs a new review).
    struct Review: Codable, Sendable, Equatable {
        var status: String
        var decision: String
        var reviewer: String
        var date: String
        var reason: String
        /// The list version the decision was made against.
        var version: String
        /// "carried forward from version 2025-05", "reopened: countries changed in version 2025-11".
        var note: String

        static let open = Review(status: "open", decision: "", reviewer: "", date: "", reason: "", version: "", note: "")
    }

    /// A recorded decision and what became of it: `standing`, `reopened`, `entry-removed`, or
    /// `superseded` by a decision on the same match against a later version.
    struct DispositionRecord: Codable, Sendable, Equatable {
        var party: String
        var list: String
        var entry: String
        var decision: String
        var reviewer: String
        var date: String
        var reason: String
        var version: String
        var status: String
        var note: String
    }

    struct SinceReview: Codable, Sendable, Equatable {
        /// The lists the profile says it reviewed, with the versions since.
        var lists: [ReviewedList]
        /// New potential matches, earlier matches amended or removed, and product codes changed or removed.
        var items: [ReviewItem]
    }

    struct ReviewedList: Codable, Sendable, Equatable {
        var id: String
        var title: String
        /// `parties` or `controls`.
        var kind: String
        var reviewed: String
        var current: String
        /// Each version after the reviewed one, with its change page.
        var versions: [VersionLink]
    }

    struct VersionLink: Codable, Sendable, Equatable {
        var version: String
        /// What the version did to the item it is listed under ("amended: aliases, addresses"); `""` in `ReviewedList`.
        var change: String
        /// The version's change page in the published portal.
        var url: String
    }

    struct ReviewItem: Codable, Sendable, Equatable {
        /// `new-match`, `amended-match`, `removed-match`, `code-changed` or `code-removed`.
        var kind: String
        /// The party's or the product's name.
        var subject: String
        /// What to do, in one sentence.
        var text: String
        /// The list's title.
        var list: String
        /// The entry id or control code, its name or title, and its page (`""` when it has none).
        var entry: String
        var name: String
        var url: String
        var changes: [VersionLink]
    }

    struct ICPCheck: Codable, Sendable, Equatable {
        var id: String
        var title: String
        var check: String
        /// The profile's answer, or `No answer in the profile.`
        var answer: String
    }

    struct Training: Codable, Sendable, Equatable {
        var role: String
        var roleID: String
        var modules: [Module]
        var why: String
    }

    struct Module: Codable, Sendable, Equatable {
        var title: String
        var url: String
        var minutes: Int
        var lessons: [Lesson]
    }

    struct Lesson: Codable, Sendable, Equatable {
        var title: String
        var url: String
    }

    struct Question: Codable, Sendable, Equatable {
        var id: String
        var text: String
        var citation: String
        /// `yes`, `no` or `not answered`.
        var answer: String
    }
}

extension Checklist {
    /// `checklist.json`: pretty-printed with sorted keys, so the same inputs give the same bytes.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
