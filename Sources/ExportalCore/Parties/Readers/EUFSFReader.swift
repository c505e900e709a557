import ExportalDomain
import Foundation

/// The EU Financial Sanctions File (FSF) XML: root `export` in the namespace
/// `http://eu.europa.ec/fpi/fsd/export`, one `sanctionEntity` per listed party, nearly everything
/// in attributes. Per entity:
///
/// - id: `@euReferenceNumber` (`EU.1234.56`), else `@logicalId`.
/// - type: `subjectType@code` `person` → individual, `enterprise` → entity.
/// - names: every `nameAlias`, `@wholeName` or else first/middle/last name joined; the first is
///   the primary name, the others aliases, weak when `@strong="false"`.
/// - programmes: each `regulation@programme`, once; listedOn: the earliest
///   `regulation@publicationDate`; sourceURL: the first regulation's `publicationUrl`.
/// - addresses: `address@street`, `@poBox`, `@city`, `@zipCode`, `@region` joined; country
///   `@countryIso2Code` (else `@countryDescription` kept as written). The FSF writes "00" (with
///   the description "UNKNOWN") for an unknown country: neither is kept.
/// - birthDates: `birthdate@birthdate` (`YYYY-MM-DD`), else `@year` with `@monthOfYear` and
///   `@dayOfMonth` when given.
/// - identifiers: `identification@number` with kind `@identificationTypeDescription` (else
///   `@identificationTypeCode`) and country `@countryIso2Code`.
/// - countries: `citizenship@countryIso2Code`, then address countries.
/// - remarks: the entity's own `remark` elements, joined with a blank line.
enum EUFSFReader {
    static let namespace = "http://eu.europa.ec/fpi/fsd/export"

    static func read(_ source: PartySource) -> PartyReadResult {
        let handler = EUFSFHandler(source: source)
        handler.run(processNamespaces: true)
        return PartyReadResult(records: handler.records, diagnostics: handler.diagnostics)
    }
}

private final class EUFSFHandler: XMLListHandler {
    private struct Entity {
        let id: String
        let at: (line: Int, column: Int)
        var type: PartyRecord.EntityType = .unknown
        var names: [PartyRecord.Alias] = []
        var programmes = OrderedSet<String>()
        var publicationDates: [String] = []
        var url: String?
        var addresses: [PartyRecord.Address] = []
        var birthDates = OrderedSet<String>()
        var identifiers: [PartyRecord.Identifier] = []
        var citizenships = OrderedSet<String>()
        var remarks: [String] = []
    }

    private(set) var records: [PartyRecord] = []
    private var stack: [String] = []
    private var entity: Entity?
    private var ids = StableIDs()

    override func start(_ name: String, attributes a: [String: String], namespace: String?, at location: (line: Int, column: Int)) {
        if stack.isEmpty && (name != "export" || namespace != EUFSFReader.namespace) {
            error(location, "not an EU Financial Sanctions File: the root element is <\(name)> in namespace '\(namespace ?? "")', "
                + "not <export> in '\(EUFSFReader.namespace)'")
        }
        let parent = stack.last
        stack.append(name)
        func attribute(_ key: String) -> String? {
            guard let value = a[key]?.trimmedSpaces, !value.isEmpty else { return nil }
            return value
        }
        if name == "sanctionEntity" {
            let given = attribute("euReferenceNumber") ?? attribute("logicalId")
            if given == nil { error(location, "sanctionEntity has neither euReferenceNumber nor logicalId") }
            entity = Entity(id: ids.unique(given ?? "EU-\(records.count + 1)"), at: location)
            return
        }
        guard entity != nil, parent == "sanctionEntity" else { return }
        switch name {
        case "subjectType":
            switch attribute("code") {
            case "person": entity?.type = .individual
            case "enterprise": entity?.type = .entity
            default: entity?.type = .unknown
            }
        case "nameAlias":
            let whole = attribute("wholeName")
                ?? ["firstName", "middleName", "lastName"].compactMap(attribute).joined(separator: " ")
            guard !whole.isEmpty else { return }
            entity?.names.append(PartyRecord.Alias(name: whole, strength: attribute("strong") == "false" ? .weak : .strong))
        case "regulation":
            entity?.programmes.append(attribute("programme"))
            if let date = attribute("publicationDate") {
                if case .valid(let iso) = PartyDates.checkISO(date) {
                    entity?.publicationDates.append(iso)
                } else {
                    warning(location, "\(entity!.id): regulation publicationDate is not a date in the form YYYY-MM-DD: '\(date)'")
                }
            }
        case "address":
            let text = ["street", "poBox", "city", "zipCode", "region"].compactMap(attribute).joined(separator: ", ")
            let code = country(attribute("countryIso2Code"))
            // A description is kept only for a code that is not an assigned one and not "00" (unknown).
            let description = code == nil && attribute("countryIso2Code") != "00" ? attribute("countryDescription") : nil
            guard !text.isEmpty || code != nil || description != nil else { return }
            entity?.addresses.append(PartyRecord.Address(text: text, country: code, countryName: description))
        case "birthdate":
            if let date = attribute("birthdate"), case .valid(let iso) = PartyDates.checkISO(date) {
                entity?.birthDates.append(iso)
            } else if let year = attribute("year").flatMap(PartyDates.number) {
                let month = attribute("monthOfYear").flatMap(PartyDates.number)
                let day = attribute("dayOfMonth").flatMap(PartyDates.number)
                if let month, let day, PartyDates.exists(year, month, day) {
                    entity?.birthDates.append(PartyDates.iso(year, month, day))
                } else if let month, (1...12).contains(month) {
                    entity?.birthDates.append(PartyDates.iso(year, month))
                } else {
                    entity?.birthDates.append(PartyDates.iso(year))
                }
            }
        case "identification":
            guard let number = attribute("number") else { return }
            let kind = attribute("identificationTypeDescription") ?? attribute("identificationTypeCode") ?? "Identification"
            entity?.identifiers.append(PartyRecord.Identifier(kind: kind, value: number, country: country(attribute("countryIso2Code"))))
        case "citizenship":
            entity?.citizenships.append(country(attribute("countryIso2Code")))
        default:
            break
        }
    }

    override func end(_ name: String) {
        stack.removeLast()
        guard entity != nil else { return }
        if name == "sanctionEntity" {
            if let finished = entity { finish(finished) }
            entity = nil
        } else if name == "remark" && stack.last == "sanctionEntity" && !text.isEmpty {
            entity?.remarks.append(text)
        } else if name == "publicationUrl" && stack.last == "regulation" && stack.dropLast().last == "sanctionEntity"
                    && entity?.url == nil && !text.isEmpty {
            entity?.url = text
        }
    }

    private func finish(_ entity: Entity) {
        guard let primary = entity.names.first else {
            error(entity.at, "\(entity.id) has no nameAlias with a name")
            return
        }
        var countries = entity.citizenships
        countries.append(contentsOf: entity.addresses.compactMap(\.country))
        records.append(PartyRecord(
            id: entity.id, primaryName: primary.name, type: entity.type, aliases: Array(entity.names.dropFirst()),
            addresses: entity.addresses, countries: countries.elements, birthDates: entity.birthDates.elements,
            identifiers: entity.identifiers, programmes: entity.programmes.elements, listedOn: entity.publicationDates.min(),
            remarks: entity.remarks.isEmpty ? nil : entity.remarks.joined(separator: "\n\n"), sourceURL: entity.url))
    }

    /// An assigned ISO code, upper-cased; "00" (the FSF's "unknown") and anything else: nil.
    private func country(_ code: String?) -> String? {
        guard let upper = code?.uppercased(), CountryCode.isAssigned(upper) else { return nil }
        return upper
    }
}
