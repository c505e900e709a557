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
    /// Section 1: one determination per product, destination and transfer.
    var matrix: [Product]
    /// Section 2: what to do before shipping, each once, in the order the determinations gave them.
    var actions: [Check]
    var risks: [Risk]
    /// Section 3: each party of the profile, screened against `partyLists`.
    var parties: [Party]
    var partyLists: [PartyListVersion]
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
        var factors: String
    }

    /// A party of the profile and what screening found.
    struct Party: Codable, Sendable, Equatable {
        var name: String
        var country: String
        var role: String
        /// `received` or `missing`.
        var endUseStatement: String
        /// `not screened`, `no potential match` or `review required`.
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
