import ExportalDomain

/// Checks each profile's `reviewed:` and `dispositions:` against the loaded lists: the lists and
/// versions exist, the party is the profile's, the entry is in the version the decision names and
/// is a potential match for that party there, and the decision is not dated after the build date
/// (a check skipped when the build has no `--build-date`: without one there is no date to hold it
/// against, and the wall clock is not an input).
struct ExporterReviewCheck {
    let partyLists: [PartyList]
    let controlLists: [ControlList]
    let buildDate: String?
    let report: DiagnosticSink

    func check(_ profiles: [ExporterProfile]) {
        for profile in profiles {
            for reviewed in profile.reviewed { check(reviewed) }
            var decided = Set<String>()
            for recorded in profile.dispositions { check(recorded, profile: profile, decided: &decided) }
        }
    }

    private func check(_ reviewed: ExporterProfile.ReviewedVersion) {
        let parties = partyLists.first { $0.id == reviewed.list }, controls = controlLists.first { $0.id == reviewed.list }
        guard parties != nil || controls != nil else {
            let ids = (partyLists.map(\.id) + controlLists.map(\.id)).sorted()
            report.error(reviewed.listLocation, "unknown list '\(reviewed.list)' in 'reviewed'",
                         hint: Suggestions.hint(for: reviewed.list, in: ids) ?? (ids.isEmpty ? "the content has no lists" : "lists: " + ids.joined(separator: ", ")))
            return
        }
        let known = (parties?.changes.knows(version: reviewed.version) ?? false) || (controls?.changes.knows(version: reviewed.version) ?? false)
        if !known {
            let labels = parties?.versionLabels ?? controls?.versionLabels ?? ""
            report.error(reviewed.versionLocation, "list '\(reviewed.list)' has no version '\(reviewed.version)'",
                         hint: "versions it keeps: \(labels)")
        }
    }

    private func check(_ recorded: ExporterProfile.RecordedDisposition, profile: ExporterProfile, decided: inout Set<String>) {
        let decision = recorded.disposition
        var valid = true
        let party = profile.parties.first { $0.name == decision.party }
        if party == nil {
            report.error(recorded.partyLocation, "unknown party '\(decision.party)': a disposition names a party of this profile",
                         hint: Suggestions.hint(for: decision.party, in: profile.parties.map(\.name))
                            ?? (profile.parties.isEmpty ? "the profile names no parties" : "parties: " + profile.parties.map(\.name).joined(separator: ", ")))
            valid = false
        }
        if let buildDate, decision.date > buildDate {
            report.error(recorded.dateLocation, "the decision is dated \(decision.date), after the build date \(buildDate)")
        }
        guard let list = partyLists.first(where: { $0.id == decision.list }) else {
            report.error(recorded.listLocation, "unknown restricted-party list '\(decision.list)'",
                         hint: Suggestions.hint(for: decision.list, in: partyLists.map(\.id)), refersTo: .parties)
            return
        }
        guard let records = list.records(ofVersion: decision.version) else {
            report.error(recorded.versionLocation, "list '\(list.id)' has no version '\(decision.version)'",
                         hint: "versions it keeps: \(list.versionLabels)")
            return
        }
        guard let record = records.first(where: { $0.id == decision.entry }) else {
            report.error(recorded.entryLocation, "list '\(list.id)' has no entry '\(decision.entry)' in version \(decision.version)",
                         hint: Suggestions.hint(for: decision.entry, in: records.map(\.id)))
            return
        }
        guard valid, let party else { return }
        let index = ScreeningIndex([(listID: list.id, record: record)])
        let found = ScreeningIndex.Searcher(index).screen(ScreeningQuery(name: party.name, country: party.country),
                                                          threshold: ScreeningIndex.defaultThreshold, limit: 1)
        if found.isEmpty {
            report.error(recorded.entryLocation,
                         "'\(party.name)' is not a potential match for entry \(record.id) (\(record.primaryName)) in version \(decision.version): there is no match to decide on",
                         hint: "screening scores it below the threshold of \(ScreeningIndex.defaultThreshold)")
        }
        let key = [party.name, list.id, list.keys(ofVersion: decision.version)[record.id] ?? record.id, decision.version].joined(separator: "\u{0}")
        if !decided.insert(key).inserted {
            report.error(recorded.location, "a second decision on '\(party.name)' and entry \(record.id) against version \(decision.version)",
                         hint: "record a new decision against a later version instead")
        }
    }
}
