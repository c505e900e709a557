import ExportalDomain

extension PartyList {
    /// The records of one version the list keeps, the current one included; nil for an unknown version.
    func records(ofVersion label: String) -> [PartyRecord]? {
        if label == version { return records }
        return history.first { $0.version.version == label }?.records
    }

    /// The identity (`ChangeSet` key) of each record of a version, by record id.
    func keys(ofVersion label: String) -> [String: String] {
        guard let records = records(ofVersion: label) else { return [:] }
        let keys = PartyRecord.identities(of: records, matching: changes.matching)
        return Dictionary(zip(records.map(\.id), keys), uniquingKeysWith: { first, _ in first })
    }

    /// "2025-05, 2025-08, 2025-11", for hints.
    var versionLabels: String { changes.versions.map(\.version).joined(separator: ", ") }
}

extension ControlList {
    var versionLabels: String { changes.versions.map(\.version).joined(separator: ", ") }
}
