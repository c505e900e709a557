/// The seven elements of an internal compliance programme for dual-use trade controls, as the
/// EU's guidance on ICPs (Commission Recommendation (EU) 2019/1318) arranges them.
struct ICPElement: Sendable {
    let id: String
    let title: String
    /// What a reviewer should be able to confirm, in our own words.
    let check: String

    static let all: [ICPElement] = [
        ICPElement(id: "commitment", title: "Top-level management commitment to compliance",
                   check: "Management has stated in writing that exports follow the export control rules, and backs the compliance function with authority and time."),
        ICPElement(id: "organisation", title: "Organisation structure, responsibilities and resources",
                   check: "Someone is named as responsible for export control, with a deputy, clear duties and enough resources."),
        ICPElement(id: "training", title: "Training and awareness raising",
                   check: "Everyone whose work touches exports has had training suited to their role, and it is refreshed when rules change."),
        ICPElement(id: "screening", title: "Transaction screening process and procedures",
                   check: "Every transaction is checked for classification, destination, end use and parties before it ships, and holds are possible."),
        ICPElement(id: "review", title: "Performance review, audits, reporting and corrective actions",
                   check: "The programme is audited, suspected breaches are reported and escalated, and findings lead to fixes."),
        ICPElement(id: "records", title: "Record keeping and documentation",
                   check: "Classifications, licences, screening results and shipping documents are kept, findable, for the period the law requires."),
        ICPElement(id: "security", title: "Physical and information security",
                   check: "Controlled items, software and technology are protected against unauthorised access and unauthorised transfer."),
    ]

    static let ids = all.map(\.id)
}
