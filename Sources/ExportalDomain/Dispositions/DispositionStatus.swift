/// Whether a recorded decision still holds for the newest version of its list. A decision carries
/// forward over versions that leave the entry alone or change only fields screening does not read
/// (addresses, programmes, remarks); it reopens by itself once the entry is amended in a field that
/// matters for matching (`PartyField.mattersForMatching`), or is listed again after a removal.
///
///     let status = DispositionStatus(decidedIn: "2025-05", history: history.history(ofKey: "NB-008"),
///                                    versions: history.versions)
///     status.note  // "reopened: countries changed in version 2025-11"
public enum DispositionStatus: Sendable, Hashable {
    /// The decision holds. `carriedFrom` is its version when that is older than the newest one;
    /// `ignored` are later amendments that screening does not read.
    case standing(carriedFrom: ListVersion?, ignored: [Amendment])
    /// A later amendment changed what screening reads (or the entry came back after a removal):
    /// the match needs a new review. `because` holds every change from the first that reopened it on.
    case reopened(because: [Amendment])
    /// The entry left the list after the decision; nothing is left to review.
    case entryRemoved(ListVersion)

    /// One version's change to the entry: the fields amended, or none when it was listed again.
    public struct Amendment: Sendable, Hashable {
        public let version: ListVersion
        /// Every field the version changed, those screening does not read included, as the change page lists them.
        public let fields: [PartyField]
        public let relisted: Bool

        public init(version: ListVersion, fields: [PartyField], relisted: Bool = false) {
            self.version = version
            self.fields = fields
            self.relisted = relisted
        }

        /// "aliases and addresses changed in version 2025-08", "listed again in version 2025-11".
        public var sentence: String {
            if relisted { return "listed again in version \(version.version)" }
            return DispositionStatus.phrase(fields.map { $0.title.lowercased() }) + " changed in version \(version.version)"
        }
    }

    /// The status of a decision made against version `decidedIn`, from the entry's history across `versions`
    /// (oldest first). A version the history does not know counts as the oldest.
    public init(decidedIn: String, history: EntryHistory<PartyField>, versions: [ListVersion]) {
        let decided = versions.firstIndex { $0.version == decidedIn } ?? 0
        let position = Dictionary(versions.enumerated().map { ($1.version, $0) }, uniquingKeysWith: { first, _ in first })
        var ignored: [Amendment] = [], reopening: [Amendment] = []
        var removed: ListVersion?
        for event in history.events where (position[event.version.version] ?? 0) > decided {
            switch event.kind {
            case .present:
                continue
            case .removed:
                removed = event.version
            case .added:
                removed = nil
                reopening.append(Amendment(version: event.version, fields: [], relisted: true))
            case .amended:
                let amendment = Amendment(version: event.version, fields: event.fields)
                if !reopening.isEmpty || event.fields.contains(where: \.mattersForMatching) {
                    reopening.append(amendment)
                } else {
                    ignored.append(amendment)
                }
            }
        }
        if let removed {
            self = .entryRemoved(removed)
        } else if !reopening.isEmpty {
            self = .reopened(because: reopening)
        } else {
            self = .standing(carriedFrom: decided < versions.count - 1 ? versions[decided] : nil, ignored: ignored)
        }
    }

    /// `standing`, `reopened` or `entry-removed`, as `checklist.json` writes it.
    public var kind: String {
        switch self {
        case .standing: "standing"
        case .reopened: "reopened"
        case .entryRemoved: "entry-removed"
        }
    }

    public var isOpen: Bool { if case .reopened = self { true } else { false } }

    /// What a checklist prints beside the decision, e.g. "reopened: aliases and addresses changed in
    /// version 2025-08", "carried forward from version 2025-05 (remarks changed in version 2025-08,
    /// which screening does not read)".
    public var note: String {
        switch self {
        case .standing(nil, _):
            return "made against the current version"
        case .standing(let from?, let ignored):
            let later = ignored.isEmpty ? "" : " (" + ignored.map(\.sentence).joined(separator: "; ") + ", which screening does not read)"
            return "carried forward from version \(from.version)" + later
        case .reopened(let because):
            return "reopened: " + because.map(\.sentence).joined(separator: "; ")
        case .entryRemoved(let version):
            return "the entry was removed from the list in version \(version.version)"
        }
    }

    /// "a", "a and b", "a, b and c".
    public static func phrase(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}
