@testable import ExportalCore
import ExportalDomain
import Foundation
import Testing

/// Where the real public lists are: ../shared/data beside the repository (on CI and the team's
/// machines), and small helpers shared by the reader tests.
enum PartyData {
    static let root = FixtureSite.repository.deletingLastPathComponent().appendingPathComponent("shared/data")
    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("un_sc/un_consolidated_2026-02-27.xml").path)
    }

    /// Reads real files: `files` maps roles to paths below shared/data, which are also what diagnostics show.
    static func read(_ format: PartyListFormat, _ files: [String: String]) -> PartyReadResult {
        PartyReaders.read(format, files: files.mapValues { root.appendingPathComponent($0) }, display: files)
    }

    /// Writes inline fixtures into a fresh temporary folder and reads them; diagnostics show the file names.
    static func read(_ format: PartyListFormat, fixtures: [String: (name: String, text: String)]) throws -> PartyReadResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-parties-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var urls: [String: URL] = [:]
        for (role, fixture) in fixtures {
            let url = folder.appendingPathComponent(fixture.name)
            try Data(fixture.text.utf8).write(to: url)
            urls[role] = url
        }
        return PartyReaders.read(format, files: urls, display: fixtures.mapValues(\.name))
    }

    static func read(_ format: PartyListFormat, _ name: String, _ text: String) throws -> PartyReadResult {
        try read(format, fixtures: ["main": (name, text)])
    }
}

/// Totals of a read, to compare with counts made independently from the files.
struct PartyCounts: Equatable, CustomStringConvertible {
    var records = 0, aliases = 0, weakAliases = 0, addresses = 0, identifiers = 0

    init(records: Int, aliases: Int, weakAliases: Int, addresses: Int, identifiers: Int) {
        (self.records, self.aliases, self.weakAliases, self.addresses, self.identifiers) = (records, aliases, weakAliases, addresses, identifiers)
    }

    init(_ records: [PartyRecord]) {
        self.records = records.count
        for record in records {
            aliases += record.aliases.count
            weakAliases += record.aliases.filter { $0.strength == .weak }.count
            addresses += record.addresses.count
            identifiers += record.identifiers.count
        }
    }

    var description: String {
        "records \(records), aliases \(aliases) (weak \(weakAliases)), addresses \(addresses), identifiers \(identifiers)"
    }
}

extension [PartyRecord] {
    func record(_ id: String) throws -> PartyRecord { try #require(first { $0.id == id }, "no record \(id)") }
    func count(of type: PartyRecord.EntityType) -> Int { filter { $0.type == type }.count }
}

private func alias(_ name: String, _ strength: PartyRecord.Alias.Strength = .strong) -> PartyRecord.Alias {
    PartyRecord.Alias(name: name, strength: strength)
}

// MARK: - The real lists

/// Expected counts were made independently of the readers, from the files themselves (Python's
/// csv and ElementTree modules, and `grep`/`wc`), e.g. for the UN list: non-empty ALIAS_NAME in
/// INDIVIDUAL_ALIAS/ENTITY_ALIAS (2,752) plus non-empty NAME_ORIGINAL_SCRIPT (378); for the SDN
/// list: alt.csv rows (9,682) plus `a.k.a. '...'` items in Remarks (2,037).
@Suite(.enabled(if: PartyData.available, "skipped: ../shared/data is not here (it is on CI and on the team's machines)"))
struct RealPartyListTests {
    static let sdn2019 = ["sdn": "ofac_sdn_csv/full_2019/sdn.csv", "alt": "ofac_sdn_csv/full_2019/alt.csv",
                          "add": "ofac_sdn_csv/full_2019/add.csv", "comments": "ofac_sdn_csv/full_2019/sdn_comments.csv"]
    static let sdn2025 = ["sdn": "ofac_sdn_csv/sample_2025/sdn.csv", "alt": "ofac_sdn_csv/sample_2025/alt.csv",
                          "add": "ofac_sdn_csv/sample_2025/add.csv", "comments": "ofac_sdn_csv/sample_2025/sdn_comments.csv"]

    @Test func unConsolidatedList() throws {
        let result = PartyData.read(.unXML, ["main": "un_sc/un_consolidated_2026-02-27.xml"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        let records = result.records
        // The data README: 730 individuals and 273 entities, individuals first.
        #expect(records.count(of: .individual) == 730)
        #expect(records.count(of: .entity) == 273)
        #expect(records.first?.id == "CDi.001" && records.last?.type == .entity)
        // 615 aliases of QUALITY Low; 743 address elements with something in them; 454 documents with a NUMBER.
        #expect(PartyCounts(records) == PartyCounts(records: 1003, aliases: 3130, weakAliases: 615, addresses: 743, identifiers: 454))
        #expect(Set(records.map(\.id)).count == 1003)

        let gaston = try records.record("CDi.003")
        #expect(gaston.primaryName == "GASTON IYAMUREMYE")
        #expect(gaston.aliases == [alias("Rumuli", .weak), alias("Byiringiro Victor Rumuli"), alias("Victor Rumuri"),
                                   alias("Michel Byiringiro")])
        #expect(gaston.programmes == ["DRC"])
        #expect(gaston.listedOn == "2010-12-01")
        #expect(gaston.birthDates == ["1948"])
        #expect(gaston.countries == ["RW", "CD"])  // nationality Rwanda, address in the DR Congo
        #expect(gaston.addresses == [PartyRecord.Address(text: "North Kivu Province", country: "CD")])

        // A passport with its issuing country, and a name in original script as an alias.
        let njabu = try records.record("CDi.021")
        #expect(njabu.identifiers == [PartyRecord.Identifier(kind: "Passport", value: "OB 0243318", country: "CD")])
        #expect(njabu.birthDates == ["1971-05-23"])
        let zidane = try records.record("QDi.001")
        #expect(zidane.aliases.last == alias("محمد صلاح الدين عبدالحليم زيدان"))
        #expect(zidane.birthDates == ["1963-04-11", "1960-04-11"])
        #expect(zidane.listedOn == "2001-01-25")  // written "2001-01-25-05:00" in the file

        // ENTITY_ALIAS qualities are a.k.a./f.k.a.: all strong.
        let adf = try records.record("CDe.001")
        #expect(adf.type == .entity && adf.primaryName == "ADF")
        #expect(adf.aliases.map(\.name) == ["Allied Democratic Forces", "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda",
                                            "ADF/NALU", "NALU"])
        #expect(adf.aliases.allSatisfy { $0.strength == .strong })
    }

    @Test func ofacSDNFullList2019() throws {
        let result = PartyData.read(.ofacSDNCSV, Self.sdn2019)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5))")
        let records = result.records
        // 7,379 rows: the data README's 7,378 is `wc -l`, and the last row has no line break.
        // alt.csv has 9,682 rows; add.csv 11,696, of which 2,222 are all `-0-`.
        #expect(PartyCounts(records) == PartyCounts(records: 7379, aliases: 11719, weakAliases: 2037, addresses: 9474, identifiers: 5812))
        #expect(records.count(of: .individual) == 3845)
        #expect(records.count(of: .entity) == 2994)
        #expect(records.count(of: .vessel) == 323)
        #expect(records.count(of: .aircraft) == 217)
        #expect(records.first?.id == "36" && records.last?.id == "26235")

        let bank = try records.record("306")
        #expect(bank.primaryName == "BANCO NACIONAL DE CUBA" && bank.type == .entity)
        #expect(bank.programmes == ["CUBA"])
        #expect(bank.aliases == [alias("NATIONAL BANK OF CUBA"), alias("BNC", .weak)])
        #expect(bank.addresses.first == PartyRecord.Address(text: "Zweierstrasse 35, Zurich CH-8022", country: "CH"))
        #expect(bank.countries == ["CH", "ES", "JP", "PA"])

        // Remarks continued in sdn_comments.csv; several DOBs and documents.
        let cifuentes = try records.record("12300")
        #expect(cifuentes.primaryName == "CIFUENTES VILLA, Jorge Milton" && cifuentes.type == .individual)
        #expect(cifuentes.programmes == ["SDNTK"])
        #expect(cifuentes.birthDates == ["1965-05-13", "1968-04-13", "1964-07-07"])
        #expect(cifuentes.identifiers.contains(PartyRecord.Identifier(kind: "Passport", value: "AL720622", country: "CO")))
        #expect(cifuentes.identifiers.contains(PartyRecord.Identifier(kind: "Cedula No.", value: "172489729-1", country: "EC")))
        #expect(cifuentes.remarks?.hasSuffix("Linked To: PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL INMOBILIARIA, S.A. DE C.V.; "
            + "Linked To: FUNDACION PARA EL BIENESTAR Y EL PORVENIR; Linked To: C.I. METALURGIA EXTRACTIVA DE COLOMBIA S.A.S.; "
            + "Linked To: GRUPO MUNDO MARINO, S.A.; Linked To: C.I. DISERCOM S.A.S.; Linked To: C.I. OKCOFFEE COLOMBIA S.A.S.; "
            + "Linked To: C.I. OKCOFFEE INTERNATIONAL S.A.S.; Linked To: FUNDACION OKCOFFEE COLOMBIA; Linked To: CUBICAFE S.A.S.; "
            + "Linked To: HOTELES Y BIENES S.A.; Linked To: FUNDACION SALVA LA SELVA; Linked To: LINEA AEREA PUEBLOS AMAZONICOS S.A.S.; "
            + "Linked To: DESARROLLO MINERO RESPONSABLE C.I. S.A.S.; Linked To: R D I S.A.") == true)

        let malkevich = try records.record("26235")
        #expect(malkevich.programmes == ["CYBER2"])
        #expect(malkevich.birthDates == ["1975-06-14"])
        #expect(malkevich.addresses.map(\.country) == ["RU"])
        #expect(malkevich.identifiers.first == PartyRecord.Identifier(kind: "Passport", value: "717637093", country: "RU"))

        // Country names OFAC uses that are not one ISO country stay as written.
        let unmapped = Set(records.flatMap { $0.addresses.compactMap(\.countryName) })
        #expect(unmapped == ["Kosovo", "Netherlands Antilles", "Palestinian", "Region: Crimea", "Region: Gaza", "Region: Kafia Kingi",
                             "Region: Northern Mali", "West Bank", "undetermined"])
    }

    @Test func ofacSDNSample2025() throws {
        let result = PartyData.read(.ofacSDNCSV, Self.sdn2025)
        // The sample's alt.csv and add.csv hold a few rows of entries that are not in its sdn.csv.
        #expect(result.diagnostics.map(\.description) == [
            "ofac_sdn_csv/sample_2025/alt.csv:1:1: warning: alias 'KARADH AL-HASSAN' belongs to ent_num 10416, which is not in ofac_sdn_csv/sample_2025/sdn.csv",
            "ofac_sdn_csv/sample_2025/alt.csv:6:1: warning: alias 'HERNANDEZ LECHUGA, Raul Lucio' belongs to ent_num 11935, which is not in ofac_sdn_csv/sample_2025/sdn.csv",
            "ofac_sdn_csv/sample_2025/alt.csv:10:1: warning: alias 'RUSSIAN HELICOPTERS JOINT STOCK COMPANY' belongs to ent_num 18820, which is not in ofac_sdn_csv/sample_2025/sdn.csv",
            "ofac_sdn_csv/sample_2025/alt.csv:11:1: warning: alias 'KAVIAN PETROCHEMICAL PRIVATE JOINT STOCK COMPANY' belongs to ent_num 30221, which is not in ofac_sdn_csv/sample_2025/sdn.csv",
            "ofac_sdn_csv/sample_2025/alt.csv:15:1: warning: alias 'ELEMENTO OIL AND GAS LTD' belongs to ent_num 29445, which is not in ofac_sdn_csv/sample_2025/sdn.csv",
            "ofac_sdn_csv/sample_2025/add.csv:26:1: warning: address belongs to ent_num 33997, which is not in ofac_sdn_csv/sample_2025/sdn.csv",
        ])
        let records = result.records
        #expect(PartyCounts(records) == PartyCounts(records: 17, aliases: 29, weakAliases: 16, addresses: 19, identifiers: 73))

        let vessel = try records.record("40716")
        #expect(vessel.type == .vessel && vessel.programmes == ["IRAN"])
        #expect(vessel.identifiers == [PartyRecord.Identifier(kind: "IMO", value: "9486910")])
        #expect(vessel.countries == ["IR"])  // the flag
        #expect(vessel.aliases == [alias("MAKRAN", .weak)])

        let aircraft = try records.record("48727")
        #expect(aircraft.type == .aircraft && aircraft.programmes == ["SDGT", "NPWMD", "IRGC", "IFSR"])

        let khoroshev = try records.record("48603")
        #expect(khoroshev.countries == ["RU"])
        #expect(khoroshev.aliases.map(\.name) == ["KHOROSHEV, Dmitriy Yurevich", "YURIEVICH, Dmitry", "KHOROSHEV, Dmitrii Yuryevich", "LOCKBITSUPP"])
        #expect(khoroshev.addresses == [PartyRecord.Address(text: "", country: "RU")])
        #expect(khoroshev.identifiers.filter { $0.kind == "Passport" }.map(\.value) == ["2018278055", "2006801524"])

        // Remarks cut off in sdn.csv, continued in sdn_comments.csv, in the middle of an address.
        let suex = try records.record("33151")
        #expect(suex.identifiers.contains(PartyRecord.Identifier(kind: "Digital Currency Address - XBT", value: "1B64QRxfaa35MVkf7sDjuGUYAP5izQt7Qi")))
        #expect(suex.aliases == [alias("SUCCESSFUL EXCHANGE", .weak)])
    }

    @Test func consolidatedScreeningListCurrentLayout() throws {
        let result = PartyData.read(.cslCSV, ["main": "us_csl/csl_consolidated_sample_2025.csv"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(PartyCounts(result.records) == PartyCounts(records: 13, aliases: 15, weakAliases: 0, addresses: 13, identifiers: 9))

        let rim = try result.records.record("52291")
        #expect(rim.primaryName == "RIM, Ryong Nam" && rim.type == .individual)
        #expect(rim.programmes == ["Specially Designated Nationals (SDN)", "NPWMD"])
        #expect(rim.addresses == [PartyRecord.Address(text: "Shenyang", country: "CN"), PartyRecord.Address(text: "Pyongyang", country: "KP")])
        #expect(rim.countries == ["KP", "CN"])
        #expect(rim.birthDates == ["1978-12-05"])
        #expect(rim.identifiers == [PartyRecord.Identifier(kind: "Passport", value: "836238033", country: "KP")])

        let atlas = try result.records.record("1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42")
        #expect(atlas.primaryName == "Atlas Sanatgaran" && atlas.type == .unknown)
        #expect(atlas.programmes == ["Unverified List (UVL)"])
        #expect(atlas.addresses == [PartyRecord.Address(text: "Komitas 26/114, Yerevan, Armenia", country: "AM")])
    }

    @Test func consolidatedScreeningList2019Layout() throws {
        let result = PartyData.read(.cslCSV, ["main": "us_csl/csl_sample_2019.csv"])
        // The real file's data error: two apostrophes left as U+0092 by a Windows-1252 conversion.
        let readAs = "warning: control character U+0092 read as '’' (U+2019), the character Windows-1252 gives it "
            + "(the file was converted from Windows-1252 as if it were Latin-1)"
        #expect(result.diagnostics.map(\.description) == ["us_csl/csl_sample_2019.csv:16:72: " + readAs,
                                                           "us_csl/csl_sample_2019.csv:97:59: " + readAs])
        let records = result.records
        #expect(PartyCounts(records) == PartyCounts(records: 115, aliases: 161, weakAliases: 0, addresses: 127, identifiers: 114))
        #expect(Set(records.map(\.id)).count == 115)

        let holdings = try records.record("SDN-20264")
        #expect(holdings.primaryName == "200G PSA HOLDINGS LLC" && holdings.type == .entity)
        #expect(holdings.programmes == ["Specially Designated Nationals (SDN)", "SDNTK"])
        #expect(holdings.identifiers == [PartyRecord.Identifier(kind: "Tax ID No.", value: "80-0890696", country: "US")])
        #expect(holdings.addresses == [PartyRecord.Address(text: "80 SW 8th Street Suite 2000, Miami, FL, 33130", country: "US")])

        // Entity List rows have no number: the id is a hash of name, addresses and start date.
        let group = try #require(records.first { $0.primaryName == "32 Group China Ltd." })
        #expect(group.id == "EL-6f142627bdaf")
        #expect(group.programmes == ["Entity List (EL)"])
        #expect(group.listedOn == "2015-11-12")
        #expect(group.addresses.count == 2 && group.countries == ["HK"])
        #expect(records.contains { $0.primaryName == "Gui’an New District Huawei Investment Co., Ltd., Guiyang, Guizhou" })
    }

    @Test func deniedPersonsList2019() throws {
        let result = PartyData.read(.bisDPL, ["main": "bis_dpl/dpl_2019.txt"])
        // The real file's data error: a Last_Update in the year 3017 (MANSOUR ZADEH).
        #expect(result.diagnostics.map(\.description) == [
            "bis_dpl/dpl_2019.txt:326:132: warning: Last_Update '3017-08-22' has an impossible year (3017); the date is left out",
        ])
        // 546 rows (the README's 545 is `wc -l` less the header), one per address: 417 orders.
        #expect(PartyCounts(result.records) == PartyCounts(records: 417, aliases: 0, weakAliases: 0, addresses: 543, identifiers: 0))

        let first = try #require(result.records.first)
        #expect(first.primaryName == "ADRIAN MANUEL HERNANDEZ" && first.type == .unknown)
        #expect(first.listedOn == "2017-10-16")
        #expect(first.addresses == [PartyRecord.Address(text: "3037 S. 69TH DRIVE, PHONEIX, AZ, 85043", country: nil)])
        #expect(first.remarks == "Expiration_Date 2020-10-13; Standard_Order Y; Last_Update 2017-10-23; Action FR NOTICE ADDED; "
            + "FR_Citation 82 F.R. 48792 10/20/2017")
        #expect(first.programmes == ["Denied Persons List (DPL)"])

        let zadeh = try #require(result.records.first { $0.primaryName == "MANSOUR ZADEH" })
        #expect(zadeh.listedOn == "2017-08-10")
        #expect(zadeh.addresses.count == 4)  // the row with the bad date is still read
        #expect(zadeh.addresses.contains(PartyRecord.Address(text: "STROVOLOU 77, STROVOLOS CENTER SUITE 202, STROVOLOS P.C. 2018, NICOSIA, CY",
                                                             country: nil)))

        let parto = try #require(result.records.first { $0.primaryName == "PARTO ABGARDAN COOLING TOWERS CO." })
        #expect(parto.addresses.count == 7 && parto.countries == ["IR", "US"])
        // A quoted quote in the name.
        #expect(result.records.contains { $0.primaryName == "IHSAN MEDHAT \"SAMMY\" ELASHI" })
        // Ids are stable hashes of name and effective date.
        #expect(Set(result.records.map(\.id)).count == 417)
        #expect(first.id == "DPL-9411c1d9de12")
    }

    /// `QueryBound` cuts a query at 100 tokens and 1,000 characters: safe only while every listed
    /// name fits well inside, so that any query as long as a listed name is screened whole.
    @Test func everyListedNameFitsWellInsideTheQueryBound() throws {
        let reads = [PartyData.read(.unXML, ["main": "un_sc/un_consolidated_2026-02-27.xml"]),
                     PartyData.read(.ofacSDNCSV, Self.sdn2019), PartyData.read(.ofacSDNCSV, Self.sdn2025),
                     PartyData.read(.cslCSV, ["main": "us_csl/csl_consolidated_sample_2025.csv"]),
                     PartyData.read(.cslCSV, ["main": "us_csl/csl_sample_2019.csv"]),
                     PartyData.read(.bisDPL, ["main": "bis_dpl/dpl_2019.txt"])]
        let names = reads.flatMap(\.records).flatMap { [$0.primaryName] + $0.aliases.map(\.name) }
        let normalized = NameNormalizer.normalize(names)
        let longest = try #require(zip(names, normalized).max { $0.1.tokens.count < $1.1.tokens.count })
        #expect(longest.1.tokens.count == 52 && longest.0.hasPrefix("Hay’at Tahrir al-Sham (HTS)"), "\(longest.1.tokens.count) \(longest.0)")
        #expect(names.map(\.count).max() == 324)
        #expect(longest.1.tokens.count * 3 / 2 < QueryBound.maximumTokens && 324 * 3 / 2 < QueryBound.maximumCharacters)
        #expect(names.allSatisfy { QueryBound.overlong($0) == nil })
    }

    @Test func readingIsDeterministic() {
        let once = PartyData.read(.ofacSDNCSV, Self.sdn2019)
        let again = PartyData.read(.ofacSDNCSV, Self.sdn2019)
        #expect(once.records == again.records)
    }
}

// MARK: - Fixtures

@Suite struct PartyReaderFixtureTests {
    /// A small EU Financial Sanctions File written from the published schema (fsd export v1.1);
    /// every name, number and address is made up.
    static let euFSF = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2025-01-15T10:00:00.000+01:00" globalFileId="900000">
      <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.9001.01" logicalId="900101">
        <remark>Fictional person for tests. Not a real listing.</remark>
        <regulation regulationType="regulation" organisationType="council" publicationDate="2022-03-15" entryIntoForceDate="2022-03-15" numberTitle="2022/9999 (OJ L 999)" programme="UKR" logicalId="501">
          <publicationUrl>https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R9999</publicationUrl>
        </regulation>
        <regulation regulationType="amendment" organisationType="council" publicationDate="2014-03-17" entryIntoForceDate="2014-03-17" numberTitle="2014/9998" programme="UKR" logicalId="502">
          <publicationUrl>https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014R9998</publicationUrl>
        </regulation>
        <subjectType code="person" classificationCode="P"/>
        <nameAlias firstName="Testo" middleName="" lastName="Fictivov" wholeName="Testo Fictivov" function="Director of Example Works" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="601">
          <regulationSummary regulationType="regulation" publicationDate="2022-03-15" numberTitle="2022/9999" publicationUrl="https://eur-lex.europa.eu/"/>
        </nameAlias>
        <nameAlias firstName="Testo" middleName="" lastName="Fiktivow" wholeName="" gender="M" strong="true" regulationLanguage="en" logicalId="602"/>
        <nameAlias wholeName="T. F." strong="false" regulationLanguage="en" logicalId="603"/>
        <citizenship region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="701"/>
        <birthdate circa="false" calendarType="GREGORIAN" city="Exampleburg" zipCode="" birthdate="1970-05-17" dayOfMonth="17" monthOfYear="5" year="1970" region="" place="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="801"/>
        <birthdate circa="true" calendarType="GREGORIAN" year="1971" countryIso2Code="00" countryDescription="UNKNOWN" regulationLanguage="en" logicalId="802"/>
        <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="7500 000001" region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" identificationTypeCode="passport" identificationTypeDescription="National passport" regulationLanguage="en" logicalId="901"/>
        <address city="Exampleburg" street="1 Fictional Street" poBox="" zipCode="000001" region="" place="" asAtListingTime="false" contactInfo="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="1001"/>
      </sanctionEntity>
      <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.9002.02" logicalId="900202">
        <regulation regulationType="regulation" organisationType="council" publicationDate="2012-03-23" programme="IRN" logicalId="503"/>
        <subjectType code="enterprise" classificationCode="E"/>
        <nameAlias wholeName="Example Trading House LLC" strong="true" regulationLanguage="en" logicalId="604"/>
        <nameAlias wholeName="ETH" strong="false" regulationLanguage="en" logicalId="605"/>
        <address street="" city="" countryIso2Code="00" countryDescription="UNKNOWN" regulationLanguage="en" logicalId="1002"/>
        <address street="PO Box 0000" city="Tehran" countryIso2Code="IR" countryDescription="IRAN" regulationLanguage="en" logicalId="1003"/>
        <identification number="10100000000" identificationTypeCode="regnumber" identificationTypeDescription="Registration Number" countryIso2Code="IR" logicalId="902"/>
      </sanctionEntity>
      <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="" logicalId="900303">
        <regulation regulationType="regulation" organisationType="council" publicationDate="2017-08-05" programme="PRK" logicalId="504"/>
        <subjectType code="person" classificationCode="P"/>
        <nameAlias firstName="Examplo" middleName="Q" lastName="Placeholderson" wholeName="" strong="true" regulationLanguage="en" logicalId="606"/>
        <birthdate year="1980" monthOfYear="2" regulationLanguage="en" logicalId="803"/>
      </sanctionEntity>
    </export>
    """

    @Test func euFinancialSanctionsFile() throws {
        let result = try PartyData.read(.euFSFXML, "eu-fsf-sample.xml", Self.euFSF)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.records.map(\.id) == ["EU.9001.01", "EU.9002.02", "900303"])

        let person = result.records[0]
        #expect(person == PartyRecord(
            id: "EU.9001.01", primaryName: "Testo Fictivov", type: .individual,
            aliases: [alias("Testo Fiktivow"), alias("T. F.", .weak)],
            addresses: [PartyRecord.Address(text: "1 Fictional Street, Exampleburg, 000001", country: "RU")],
            countries: ["RU"], birthDates: ["1970-05-17", "1971"],
            identifiers: [PartyRecord.Identifier(kind: "National passport", value: "7500 000001", country: "RU")],
            programmes: ["UKR"], listedOn: "2014-03-17", remarks: "Fictional person for tests. Not a real listing.",
            sourceURL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32022R9999"))

        let company = result.records[1]
        #expect(company.type == .entity && company.primaryName == "Example Trading House LLC")
        #expect(company.aliases == [alias("ETH", .weak)])
        // "00" is the file's "unknown country": that address is skipped.
        #expect(company.addresses == [PartyRecord.Address(text: "PO Box 0000, Tehran", country: "IR")])
        #expect(company.identifiers == [PartyRecord.Identifier(kind: "Registration Number", value: "10100000000", country: "IR")])
        #expect(company.programmes == ["IRN"] && company.listedOn == "2012-03-23")

        let third = result.records[2]
        #expect(third.primaryName == "Examplo Q Placeholderson")
        #expect(third.birthDates == ["1980-02"])
        #expect(third.programmes == ["PRK"])
    }

    @Test func euFileInAnotherNamespaceIsRejected() throws {
        let result = try PartyData.read(.euFSFXML, "eu.xml", "<export>\n  <sanctionEntity logicalId=\"1\"/>\n</export>\n")
        #expect(result.diagnostics.map(\.description) == [
            "eu.xml:1:8: error: not an EU Financial Sanctions File: the root element is <export> in namespace '', "
                + "not <export> in 'http://eu.europa.ec/fpi/fsd/export'",
            "eu.xml:2:32: error: 1 has no nameAlias with a name",
        ])
    }

    @Test func truncatedUNListKeepsWhatWasReadAndPointsAtTheEnd() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <CONSOLIDATED_LIST>
          <INDIVIDUALS>
            <INDIVIDUAL>
              <DATAID>1</DATAID>
              <FIRST_NAME>TESTNAME</FIRST_NAME>
              <SECOND_NAME>EXAMPLE</SECOND_NAME>
              <UN_LIST_TYPE>Fictional</UN_LIST_TYPE>
              <REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>
              <LISTED_ON>2020-01-31</LISTED_ON>
              <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>TESTY</ALIAS_NAME></INDIVIDUAL_ALIAS>
            </INDIVIDUAL>
            <INDIVIDUAL>
              <DATAID>2</DATAID>
              <FIRST_NAME>CUT
        """
        let result = try PartyData.read(.unXML, "un.xml", xml)
        #expect(result.diagnostics.map(\.description) == [
            "un.xml:15:22: error: XML ends before the document is complete (is the file truncated?)",
        ])
        #expect(result.records == [PartyRecord(id: "XXi.001", primaryName: "TESTNAME EXAMPLE", type: .individual,
                                               aliases: [alias("TESTY", .weak)], programmes: ["Fictional"], listedOn: "2020-01-31")])
    }

    @Test func malformedUNList() throws {
        let mismatched = try PartyData.read(.unXML, "un.xml", "<CONSOLIDATED_LIST>\n  <INDIVIDUALS>\n  </ENTITIES>\n</CONSOLIDATED_LIST>\n")
        #expect(mismatched.diagnostics.map(\.description) == ["un.xml:3:14: error: closing tag does not match the element it closes"])

        let wrongRoot = try PartyData.read(.unXML, "un.xml", "<?xml version=\"1.0\"?>\n<sdnList/>\n")
        #expect(wrongRoot.diagnostics.map(\.description) == [
            "un.xml:2:9: error: not a UN Security Council consolidated list: the root element is <sdnList>, not <CONSOLIDATED_LIST>",
        ])

        let empty = try PartyData.read(.unXML, "un.xml", "")
        #expect(empty.diagnostics.map(\.description) == ["un.xml:1:1: error: the file holds no XML element"])
    }

    @Test func ofacRowsWithTheWrongColumnCount() throws {
        let sdn = """
        1,"FICTIONAL SHIPPING CO.",-0- ,"SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'FSC'."
        2,"PLACEHOLDER, John","individual","IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 01 Jan 1970."
        3,"SAMPLE VESSEL","vessel","DPRK",-0- ,"ABCD1","Cargo",-0- ,-0- ,"Korea, North",-0- ,"Vessel Registration Identification IMO 1234567."
        4,"EXAMPLE, Jane","individual","IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB circa 1970 to 1972; nationality Iran; citizen Atlantis; Passport A1234 (Iran) issued 01 Jan 2000; alt. Passport B5678."

        """
        let alt = "1,10,\"aka\",\"FICTIONAL SHIPPING COMPANY\",-0- \r\n9,11,\"aka\",\"NOBODY\",-0- \r\n4,12,\"fka\",\"EXAMPLE, J.\"\r\n"
        let add = "1,20,\"1 Example Road\",\"Dubai\",\"United Arab Emirates\",-0- \n3,21,-0- ,-0- ,-0- ,-0- \n4,22,-0- ,\"Nowhere\",\"Atlantis\",-0- \n"
        let result = try PartyData.read(.ofacSDNCSV, fixtures: ["sdn": ("sdn.csv", sdn), "alt": ("alt.csv", alt), "add": ("add.csv", add)])
        #expect(result.diagnostics.map(\.description) == [
            "sdn.csv:2:1: error: expected 12 columns, found 11",
            "alt.csv:3:1: error: expected 5 columns, found 4",
            "alt.csv:2:1: warning: alias 'NOBODY' belongs to ent_num 9, which is not in sdn.csv",
        ])
        #expect(result.records.map(\.id) == ["1", "3", "4"])
        let company = result.records[0]
        #expect(company.type == .entity && company.programmes == ["SDGT", "IRGC"])
        #expect(company.aliases == [alias("FICTIONAL SHIPPING COMPANY"), alias("FSC", .weak)])
        #expect(company.addresses == [PartyRecord.Address(text: "1 Example Road, Dubai", country: "AE")])
        let vessel = result.records[1]
        #expect(vessel.addresses.isEmpty)  // an all -0- address row is no address
        #expect(vessel.countries == ["KP"])
        #expect(vessel.identifiers == [PartyRecord.Identifier(kind: "Call Sign", value: "ABCD1"), PartyRecord.Identifier(kind: "IMO", value: "1234567")])
        let person = result.records[2]
        #expect(person.birthDates == ["1970/1972"])
        #expect(person.countries == ["IR"])  // "Atlantis" is no country: not guessed
        #expect(person.addresses == [PartyRecord.Address(text: "Nowhere", country: nil, countryName: "Atlantis")])
        #expect(person.identifiers == [PartyRecord.Identifier(kind: "Passport", value: "A1234", country: "IR"),
                                       PartyRecord.Identifier(kind: "Passport", value: "B5678")])
    }

    @Test func nativeCSV() throws {
        let csv = #"""
        id,name,type,aliases,country,programmes,listed_on,remarks
        A-1,Fictional Trading GmbH,entity,FTG; Fictional Trade,DE; AT,Watch list; Dual use,2024-05-01,"Flagged after an audit, case ""12"""
        A-2,Jane Placeholder,individual,,GB,Watch list,,

        """#
        let result = try PartyData.read(.nativeCSV, "parties.csv", csv)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.records == [
            PartyRecord(id: "A-1", primaryName: "Fictional Trading GmbH", type: .entity, aliases: [alias("FTG"), alias("Fictional Trade")],
                        countries: ["DE", "AT"], programmes: ["Watch list", "Dual use"], listedOn: "2024-05-01",
                        remarks: "Flagged after an audit, case \"12\""),
            PartyRecord(id: "A-2", primaryName: "Jane Placeholder", type: .individual, countries: ["GB"], programmes: ["Watch list"]),
        ])
    }

    @Test func nativeCSVProblems() throws {
        let csv = """
        id,name,type,aliases,country,programmes,listed_on,remarks
        A-1,Fictional Trading GmbH,entity,,DE,Watch list,2024-05-01,
        A-2,Jane Placeholder,individual,,GB,Watch list,2024-02-30,
        A-3,Too Few,entity,,DE
        A-1,Duplicate,entity,,,,,
        A-4,Boat,ship,,XX,,,
        A-5,"Unclosed,entity,,,,,

        """
        let result = try PartyData.read(.nativeCSV, "parties.csv", csv)
        #expect(result.diagnostics.map(\.description) == [
            "parties.csv:7:5: error: quoted field is not closed before the end of the file",
            "parties.csv:3:48: error: 'listed_on' must be a date in the form YYYY-MM-DD, found '2024-02-30'",
            "parties.csv:4:1: error: expected 8 columns, found 5",
            "parties.csv:5:1: error: duplicate id 'A-1' (first on line 2)",
            "parties.csv:6:10: error: type must be one of individual, entity, vessel, aircraft, found 'ship'",
            "parties.csv:6:16: error: 'XX' is not an ISO 3166-1 alpha-2 country code",
            "parties.csv:7:1: error: expected 8 columns, found 2",
        ])
        // Rows with a bad value are still read, without that value.
        #expect(result.records.map(\.id) == ["A-1", "A-2", "A-4"])
        #expect(result.records[1].listedOn == nil)
        #expect(result.records[2].type == .unknown && result.records[2].countries.isEmpty)

        let header = try PartyData.read(.nativeCSV, "parties.csv", "id,name,kind\n")
        #expect(header.diagnostics.map(\.description) == [
            "parties.csv:1:9: error: unknown column 'kind' (expected id,name,type,aliases,country,programmes,listed_on,remarks)",
            "parties.csv:1:1: error: missing column(s) type, aliases, country, programmes, listed_on, remarks",
        ])
    }

    @Test func deniedPersonsDates() throws {
        let header = ["Name", "Street_Address", "City", "State", "Country", "Postal_Code", "Effective_Date", "Expiration_Date",
                      "Standard_Order", "Last_Update", "Action", "FR_Citation"].map { "\"\($0)\"" }.joined(separator: "\t")
        let tsv = header + "\n" + """
        "FICTIONAL PERSON"\t"1 TEST ST"\t"SPRINGFIELD"\t"IL"\t"US"\t"62701"\t"08/10/3017"\t"08/10/2027"\t"Y"\t"2017-08-22"\t"FR NOTICE ADDED"\t"82 F.R. 1 1/1/2017"
        "OTHER EXAMPLE LTD"\t""\t"DUBAI"\t""\t"AE"\t""\t"13/45/2019"\t""\t"Y"\t"2019-06-12"\t""\t""
        "SHORT ROW"\t"X"
        "THIRD EXAMPLE"\t""\t"BEIJING"\t""\t"PRC"\t""\t"02/29/2016"\t""\t"N"\t"2016-03-01"\t""\t""
        """
        let result = try PartyData.read(.bisDPL, "dpl.txt", tsv)
        #expect(result.diagnostics.map(\.description) == [
            "dpl.txt:2:64: warning: Effective_Date '08/10/3017' has an impossible year (3017); the date is left out",
            "dpl.txt:3:43: warning: Effective_Date is not a date in the form MM/DD/YYYY: '13/45/2019'; the date is left out",
            "dpl.txt:4:1: error: expected 12 columns, found 2",
        ])
        #expect(result.records.map(\.primaryName) == ["FICTIONAL PERSON", "OTHER EXAMPLE LTD", "THIRD EXAMPLE"])
        #expect(result.records.map(\.listedOn) == [nil, nil, "2016-02-29"])
        #expect(result.records[0].addresses == [PartyRecord.Address(text: "1 TEST ST, SPRINGFIELD, IL, 62701", country: "US")])
        #expect(result.records[2].countries == ["CN"])  // "PRC"
    }

    @Test func cslRowWithTheWrongColumnCount() throws {
        let header = "source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,"
            + "license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,"
            + "remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
        let row = "Entity List (EL) - Bureau of Industry and Security,,,,Example Optics Ltd.,,\"1 Sample Road, Shenzhen, CN\","
            + "85 FR 1,2020-5-06,,,,,,,,,,,,,Example Optical; EOL,,,,,,"
        let csv = header + "\n" + row + "\nSpecially Designated Nationals (SDN) - Treasury Department,1,Entity,SDGT\n"
        let result = try PartyData.read(.cslCSV, "csl.csv", csv)
        #expect(result.diagnostics.map(\.description) == [
            "csl.csv:2:114: warning: start_date is not a date in the form YYYY-MM-DD: '2020-5-06'",
            "csl.csv:3:1: error: expected 28 columns, found 4",
        ])
        let record = try #require(result.records.first)
        #expect(record.id.hasPrefix("EL-") && record.type == .unknown && record.listedOn == nil)
        #expect(record.aliases == [alias("Example Optical"), alias("EOL")])
        #expect(record.addresses == [PartyRecord.Address(text: "1 Sample Road, Shenzhen", country: "CN")])
    }

    @Test func missingAndUnreadableFiles() {
        let none = PartyReaders.read(.unXML, files: [:], display: [:])
        #expect(none.diagnostics.map(\.description) == ["main:1:1: error: no 'main' file given to the party-list reader"])
        let missing = PartyReaders.read(.bisDPL, files: ["main": URL(fileURLWithPath: "/nonexistent/dpl.txt")], display: ["main": "lists/dpl.txt"])
        #expect(missing.records.isEmpty)
        #expect(missing.diagnostics.count == 1 && missing.diagnostics[0].description == "lists/dpl.txt:1:1: error: cannot read file: file not found")
    }

    @Test func ofacDates() {
        #expect(PartyDates.ofacDate("10 Dec 1948") == "1948-12-10")
        #expect(PartyDates.ofacDate("Sep 1938") == "1938-09")
        #expect(PartyDates.ofacDate("1946") == "1946")
        #expect(PartyDates.ofacDate("circa 07 Jul 1966") == "1966-07-07")
        #expect(PartyDates.ofacDate("01 Jan 1953 to 31 Dec 1954") == "1953-01-01/1954-12-31")
        #expect(PartyDates.ofacDate("circa 1979-1982") == "1979/1982")
        #expect(PartyDates.ofacDate("31 Feb 1970") == nil)
        #expect(PartyDates.ofacDate("unknown") == nil)
        #expect(PartyDates.checkUS("02/29/2019") == .invalid)
        #expect(PartyDates.checkISO("3017-08-22") == .impossibleYear("3017-08-22", 3017))
    }
}
