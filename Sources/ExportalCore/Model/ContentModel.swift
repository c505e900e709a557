import ExportalDomain

/// Who a guidance article or training module is written for.
enum Audience: String, CaseIterable, Sendable {
    case compliance, management, engineering, sales, logistics, research, legal

    var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

struct SiteConfig: Sendable {
    let title: String
    let organisation: String
    let baseURL: String
    let jurisdiction: String
    let description: String?
    let language: String
    let allowRawHTML: Bool
    /// Where `jurisdiction` is written, for problems with the ruleset it names.
    var jurisdictionLocation: SourceLocation? = nil
}

struct GuidanceArticle: Sendable {
    let slug: String
    let title: String
    let summary: String?
    let tags: [String]
    let audience: [Audience]
    let updated: String?
    let draft: Bool
    let body: MarkdownSource
    /// Front-matter `related:` references, resolved with the rest of the links.
    let related: [(String, SourceLocation)]
}

struct ControlList: Sendable {
    let id: String
    let title: String
    let authority: String
    let version: String
    let effective: String
    let source: String
    let description: MarkdownSource?
    let entries: [ControlItem]
    let location: SourceLocation
    /// Earlier versions from list.yml's `history:`, oldest first.
    var history: [ControlListVersion] = []
    /// Every version, the current one last, and what changed between each two, code by code.
    var changes: ListHistory<ControlEntrySnapshot>
}

/// An earlier version of a control list: its entries, read from the folder its `history:` item names.
struct ControlListVersion: Sendable {
    let version: ListVersion
    let entries: [ControlItem]
    /// The version's item in list.yml's `history:`.
    let location: SourceLocation
}

/// An entry or a sub-item of a control list. Sub-items inherit reasons, regimes and the
/// Annex IV flag from their parent unless they set their own (resolved at load time).
struct ControlItem: Sendable {
    let code: ControlCode
    let title: String
    let reasons: [ReasonForControl]
    let regimes: [ControlRegime]
    let annexIV: Bool
    /// Country Chart columns (US model), e.g. `NS1`; inherited like reasons.
    var chartColumns: [String] = []
    /// Licence requirements outside the chart, as text; inherited like reasons.
    var requirements: [String] = []
    let description: MarkdownSource?
    let notes: [MarkdownSource]
    let technicalNotes: [MarkdownSource]
    let items: [ControlItem]
    let location: SourceLocation

    /// This item and all its descendants, depth first, gathered into one array: made of arrays
    /// joined level by level, each item was copied once per level above it.
    var flattened: [ControlItem] {
        var all: [ControlItem] = []
        appendFlattened(to: &all)
        return all
    }

    private func appendFlattened(to all: inout [ControlItem]) {
        all.append(self)
        for item in items { item.appendFlattened(to: &all) }
    }
}

struct TrainingModule: Sendable {
    let id: String
    let title: String
    let summary: String?
    let audience: [Audience]
    let objectives: [MarkdownSource]
    let minutes: Int
    var lessons: [Lesson]
    let quiz: Quiz?
    let related: [(String, SourceLocation)]
}

struct Lesson: Sendable {
    let slug: String
    let title: String
    let summary: String?
    let minutes: Int?
    let body: MarkdownSource
    let related: [(String, SourceLocation)]
}

struct Quiz: Sendable {
    let title: String
    let questions: [QuizQuestion]
}

struct QuizQuestion: Sendable {
    struct Choice: Sendable {
        let text: MarkdownSource
        let correct: Bool
    }

    let question: MarkdownSource
    let choices: [Choice]
    let explanation: MarkdownSource
}

package struct GlossaryTerm: Sendable {
    let id: String
    let term: String
    let definition: MarkdownSource
    let synonyms: [String]
}

/// PRIVATE: loaded and validated, never rendered into the portal.
struct ExporterProfile: Sendable {
    enum Classification: String, CaseIterable, Sendable { case listed, notListed = "not-listed", unclassified }
    enum PartyRole: String, CaseIterable, Sendable {
        case consignee, endUser = "end-user", intermediary, freightForwarder = "freight-forwarder", distributor
    }

    struct Product: Sendable {
        let id: String
        let name: String
        let description: String?
        let classification: Classification
        let codes: [(code: String, location: SourceLocation)]
        /// How the product leaves; physical export unless the profile says otherwise.
        var transfers: [TransferKind] = [.physicalExport]
    }

    struct Party: Sendable {
        let name: String
        let country: String
        let role: PartyRole
        let endUseStatement: Bool
    }

    let id: String
    let name: String
    let country: String
    let jurisdiction: String?
    /// Where the profile's own `jurisdiction` is written, if it has one.
    var jurisdictionLocation: SourceLocation? = nil
    let contact: String?
    let products: [Product]
    let destinations: [String]
    let parties: [Party]
    /// Catch-all answers by question id, where the profile gives them.
    var answers: [String: Bool] = [:]
    var answerLocations: [(String, SourceLocation)] = []
    /// Roles (audiences) in the company that need training.
    var roles: [Audience] = []
    /// The profile's own answers on its internal compliance programme, by element id.
    var icp: [String: String] = [:]
    /// Where the profile is, for diagnostics about its contents.
    var file = ""
    /// What the exporter last reviewed its checklist against: a list id and its version, in file order.
    var reviewed: [ReviewedVersion] = []
    /// Reviewers' decisions on potential matches, in file order.
    var dispositions: [RecordedDisposition] = []

    /// One `reviewed:` item: a list id (control list or party list) and the version reviewed.
    struct ReviewedVersion: Sendable {
        let list: String
        let version: String
        let listLocation: SourceLocation
        let versionLocation: SourceLocation
    }

    /// A `dispositions:` item and where each of its checked fields is written.
    struct RecordedDisposition: Sendable {
        let disposition: Disposition
        let location: SourceLocation
        let partyLocation: SourceLocation
        let listLocation: SourceLocation
        let entryLocation: SourceLocation
        let versionLocation: SourceLocation
        let dateLocation: SourceLocation
    }
}

/// Everything read from a content folder, before cross-file validation.
package struct ContentSet: Sendable {
    /// The content folder as diagnostics show it, e.g. `Content`.
    var displayPath = ""
    var site: SiteConfig?
    var guidance: [GuidanceArticle] = []
    var controlLists: [ControlList] = []
    var modules: [TrainingModule] = []
    package var glossary: [GlossaryTerm] = []
    var exporters: [ExporterProfile] = []
    var rulesets: [RulesLoader.Loaded] = []
    var partyLists: [PartyList] = []
}
