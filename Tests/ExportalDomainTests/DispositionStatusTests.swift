import ExportalDomain
import Testing

private let v1 = ListVersion(version: "2025-05", date: "2025-05-02")
private let v2 = ListVersion(version: "2025-08", date: "2025-08-01")
private let v3 = ListVersion(version: "2025-11", date: "2025-11-14")

private func party(_ id: String, _ name: String, aliases: [String] = [], addresses: [String] = [], countries: [String] = [],
                   remarks: String? = nil) -> PartyRecord {
    PartyRecord(id: id, primaryName: name, type: .entity, aliases: aliases.map { .init(name: $0) },
                addresses: addresses.map { .init(text: $0, country: "RU") }, countries: countries, remarks: remarks)
}

/// Three versions of one list, built from the records each version holds.
private func history(_ first: [PartyRecord], _ second: [PartyRecord], _ third: [PartyRecord]) -> ListHistory<PartyRecord> {
    ListHistory(versions: [(v1, first), (v2, second), (v3, third)], matching: .listID)
}

@Suite struct DispositionStatusTests {
    static let polar = party("NB-8", "Polar Star Logistics Group", countries: ["RU"], remarks: "Forwarder.")

    func status(_ history: ListHistory<PartyRecord>, key: String = "NB-8", decidedIn: String = "2025-05") -> DispositionStatus {
        DispositionStatus(decidedIn: decidedIn, history: history.history(ofKey: key), versions: history.versions)
    }

    @Test func anUnchangedEntryCarriesTheDecisionForward() {
        let s = status(history([Self.polar], [Self.polar], [Self.polar]))
        #expect(s == .standing(carriedFrom: v1, ignored: []))
        #expect(s.kind == "standing" && !s.isOpen)
        #expect(s.note == "carried forward from version 2025-05")
        #expect(status(history([Self.polar], [Self.polar], [Self.polar]), decidedIn: "2025-11").note == "made against the current version")
    }

    @Test func changesScreeningDoesNotReadDoNotReopen() {
        let remarked = party("NB-8", "Polar Star Logistics Group", addresses: ["Portovaya 3"], countries: ["RU"], remarks: "Forwarder; re-routes.")
        let s = status(history([Self.polar], [remarked], [remarked]))
        #expect(s == .standing(carriedFrom: v1, ignored: [.init(version: v2, fields: [.addresses, .remarks])]))
        #expect(s.note == "carried forward from version 2025-05 (addresses and remarks changed in version 2025-08, which screening does not read)")
    }

    /// The reason names every field the reopening version changed, those screening ignores included.
    @Test func anAmendmentThatMattersReopensWithItsReason() {
        let amended = party("NB-8", "Polar Star Logistics Group", aliases: ["Polyarnaya Zvezda"], addresses: ["Portovaya 3"], countries: ["RU"],
                            remarks: "Forwarder.")
        let s = status(history([Self.polar], [amended], [amended]))
        #expect(s.isOpen && s.kind == "reopened")
        #expect(s.note == "reopened: aliases and addresses changed in version 2025-08")
        let moved = party("NB-8", "Polar Star Logistics Group", aliases: ["Polyarnaya Zvezda"], addresses: ["Portovaya 3"], countries: ["KZ", "RU"],
                          remarks: "Forwarder.")
        #expect(status(history([Self.polar], [amended], [moved])).note
                == "reopened: aliases and addresses changed in version 2025-08; countries changed in version 2025-11")
    }

    /// A decision made after the amendment, against the amended version, stands.
    @Test func amendmentsBeforeTheDecisionDoNotReopenIt() {
        let amended = party("NB-8", "Polar Star Logistics Group", aliases: ["Polyarnaya Zvezda"], countries: ["RU"], remarks: "Forwarder.")
        #expect(status(history([Self.polar], [amended], [amended]), decidedIn: "2025-08") == .standing(carriedFrom: v2, ignored: []))
    }

    @Test func aRemovedEntryEndsTheDecisionAndARelistedOneReopensIt() {
        let other = party("NB-9", "Other")
        #expect(status(history([Self.polar, other], [other], [other])) == .entryRemoved(v2))
        #expect(status(history([Self.polar, other], [other], [other])).note == "the entry was removed from the list in version 2025-08")
        let relisted = status(history([Self.polar, other], [other], [Self.polar, other]))
        #expect(relisted.isOpen && relisted.note == "reopened: listed again in version 2025-11")
    }

    @Test func changesSinceAVersionAreTheLaterOnesOnly() {
        let amended = party("NB-8", "Polar Star Logistics Group", countries: ["KZ", "RU"], remarks: "Forwarder.")
        let h = history([Self.polar], [Self.polar], [amended])
        #expect(h.changes(ofKey: "NB-8", after: "2025-05").map(\.version) == [v3])
        #expect(h.changes(ofKey: "NB-8", after: "2025-11").isEmpty)
        #expect(h.changeSets(after: "2025-08").map(\.to) == [v3])
        #expect(h.knows(version: "2025-08") && !h.knows(version: "2025-09"))
        #expect(DispositionStatus.phrase(["a"]) == "a" && DispositionStatus.phrase(["a", "b", "c"]) == "a, b and c")
    }
}
