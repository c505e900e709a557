import Foundation
import Testing

/// `exportal changes` and `exportal screen --since` as a user runs them, on a fixture site whose
/// watch list keeps three versions: 1 → 2 amends W-2's birth dates (and reorders the entries, which
/// is no change); 2 → 3 adds W-3, removes W-2 and amends W-1's aliases and remarks.
@Suite struct ChangesCommandTests {
    static let files = SmallSite.files + "\n" + #"""
    -- Content/parties/watch/list.yml --
    id: watch
    title: Test watch list
    authority: Test Authority
    version: "3"
    date: 2026-03-01
    entries:
      - id: W-1
        name: Severtech Integratsiya LLC
        type: entity
        aliases: [OOO Severtekh Integratsiya, Severtech Integration]
        countries: [RU]
        remarks: =HYPERLINK("http://example.org")
      - id: W-3
        name: Kestrel "Blue" Avionics, Ltd
        type: entity
        countries: [AE]
    history:
      - version: "1"
        date: 2026-01-01
        entries:
          - id: W-1
            name: Severtech Integratsiya LLC
            type: entity
            aliases: [OOO Severtekh Integratsiya]
            countries: [RU]
            remarks: Reported by a member.
          - id: W-2
            name: Karimov, Rustam Bakhtiyorovich
            type: individual
            countries: [UZ]
      - version: "2"
        date: 2026-02-01
        entries:
          - id: W-2
            name: Karimov, Rustam Bakhtiyorovich
            type: individual
            countries: [UZ]
            birth_dates: ["1971"]
          - id: W-1
            name: Severtech Integratsiya LLC
            type: entity
            aliases: [OOO Severtekh Integratsiya]
            countries: [RU]
            remarks: "Reported by   a member."
    """#

    let cli = CommandLineTests()

    func exportal(_ arguments: [String], files: String = Self.files) throws -> CommandLineTests.Run {
        try cli.requireBinary()
        let site = try FixtureSite(files)
        return try cli.exportal(arguments, in: site.root)
    }

    @Test func textOfTheLastTwoVersions() throws {
        let run = try exportal(["changes", "--list", "watch"])
        #expect(run.status == 0 && run.stderr == "", "\(run.stderr)")
        #expect(run.stdout == """
            Test watch list (party list watch): 2 (2026-02-01) to 3 (2026-03-01)
            Entries matched by the list's own entry ids.
            1 added, 1 removed, 1 amended

            Added
              W-3  Kestrel "Blue" Avionics, Ltd

            Removed
              W-2  Karimov, Rustam Bakhtiyorovich

            Amended
              W-1  Severtech Integratsiya LLC
                Aliases
                  + Severtech Integration
                Remarks
                  - Reported by a member.
                  + =HYPERLINK("http://example.org")

            """)
    }

    /// The JSON shape documented in docs/command-reference.md, keys sorted.
    @Test func jsonOfTwoChosenVersions() throws {
        let run = try exportal(["changes", "--list", "parties/watch", "--from", "1", "--to", "2", "--format", "json"])
        #expect(run.status == 0 && run.stderr == "", "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["added", "amended", "counts", "from", "kind", "list", "matching", "page", "removed", "title", "to"])
        #expect(run.stdout.replacingOccurrences(of: #"\[\n\n *\]"#, with: "[]", options: .regularExpression) == """
            {
              "added" : [],
              "amended" : [
                {
                  "fields" : [
                    {
                      "field" : "birth-dates",
                      "new" : [
                        "1971"
                      ],
                      "old" : [],
                      "title" : "Birth dates"
                    }
                  ],
                  "id" : "W-2",
                  "key" : "W-2",
                  "title" : "Karimov, Rustam Bakhtiyorovich"
                }
              ],
              "counts" : {
                "added" : 0,
                "amended" : 1,
                "removed" : 0
              },
              "from" : {
                "date" : "2026-01-01",
                "version" : "1"
              },
              "kind" : "parties",
              "list" : "watch",
              "matching" : "list-id",
              "page" : "parties/watch/changes/2.html",
              "removed" : [],
              "title" : "Test watch list",
              "to" : {
                "date" : "2026-02-01",
                "version" : "2"
              }
            }

            """)
        // Versions that are not consecutive have no change page of their own.
        let span = try exportal(["changes", "--list", "watch", "--from", "1", "--format", "json"])
        #expect(span.stdout.contains(#""page" : null"#))
    }

    /// One row per changed field, one per added or removed entry; every text cell quoted, a value
    /// that a spreadsheet would run as a formula starting with an apostrophe, several values one a line.
    /// The remark was written to run in a spreadsheet: it stays text.
    @Test func csvFromTheFirstVersion() throws {
        let run = try exportal(["changes", "--list", "watch", "--from", "1", "--format", "csv"])
        #expect(run.status == 0 && run.stderr == "", "\(run.stderr)")
        #expect(run.stdout == """
            list,from,to,change,key,id,title,field,old,new
            "watch","1","3","added","W-3","W-3","Kestrel ""Blue"" Avionics, Ltd",,,
            "watch","1","3","removed","W-2","W-2","Karimov, Rustam Bakhtiyorovich",,,
            "watch","1","3","amended","W-1","W-1","Severtech Integratsiya LLC","aliases","OOO Severtekh Integratsiya","OOO Severtekh Integratsiya
            Severtech Integration"
            "watch","1","3","amended","W-1","W-1","Severtech Integratsiya LLC","remarks","Reported by a member.","'=HYPERLINK(""http://example.org"")"

            """)
    }

    @Test func controlListChangesCodeByCode() throws {
        let site = try FixtureSite(SmallSite.files)
        let current = try site.read("Content/controls/demo-list/entries.yml")
        try site.write("Content/controls/demo-list/list.yml", try site.read("Content/controls/demo-list/list.yml") + """
            history:
              - version: "2025/1"
                effective: 2025-01-01
                folder: history/2025

            """)
        try site.write("Content/controls/demo-list/history/2025/entries.yml",
                       current.replacingOccurrences(of: "reasons: [NS, AT]", with: "reasons: [NS]")
                           .replacingOccurrences(of: "  - code: 1C350\n    title: Chemical precursors\n    reasons: [CB]\n    regimes: [australia-group]\n", with: ""))
        try cli.requireBinary()
        let run = try cli.exportal(["changes", "--list", "demo-list"], in: site.root)
        #expect(run.status == 0 && run.stderr == "", "\(run.stderr)")
        #expect(run.stdout == """
            Demo list (control list demo-list): 2025/1 (2025-01-01) to 2026/1 (2026-01-01)
            Entries matched by control code.
            1 added, 0 removed, 3 amended

            Added
              1C350 Chemical precursors

            Amended
              5A002 Information security items
                Reasons for control
                  + AT
              5A002.a Confidentiality items
                Reasons for control
                  + AT
              5A002.a.1 Primary function is security
                Reasons for control
                  + AT

            """)
    }

    /// Wrong input is a diagnostic at the option (or at the content's own line) and exit 1, with
    /// nothing on standard output; a format the command does not offer is a usage error, exit 2.
    @Test func errorsAreDiagnosticsNeverCrashes() throws {
        try cli.requireBinary()
        let site = try FixtureSite(Self.files)
        func error(_ arguments: String...) throws -> String {
            let run = try cli.exportal(["changes"] + arguments, in: site.root)
            #expect(run.status == 1 && run.stdout == "", "\(arguments): \(run.status) \(run.stdout)")
            return run.stderr
        }
        #expect(try error("--list", "wacth") == """
            --list:1:1: error: unknown list 'wacth' (did you mean 'watch'?)
            1 error, 0 warnings

            """)
        #expect(try error("--list", "controls/watch") == """
            --list:1:1: error: unknown list 'controls/watch' (lists: parties/watch, controls/demo-list)
            1 error, 0 warnings

            """)
        #expect(try error("--list", "watch", "--from", "2025-09") == """
            --from:1:1: error: parties/watch has no version '2025-09' (versions, oldest first: 1, 2, 3)
            1 error, 0 warnings

            """)
        #expect(try error("--list", "watch", "--from", "3", "--to", "2") == """
            --from:1:1: error: version '3' (2026-03-01) is not older than version '2' (2026-02-01) (--from names the older version, --to the newer; versions, oldest first: 1, 2, 3)
            1 error, 0 warnings

            """)
        #expect(try error("--list", "watch", "--from", "2", "--to", "2").hasPrefix("--from:1:1: error: version '2' (2026-02-01) is not older than version '2'"))
        #expect(try error("--list", "watch", "--to", "1") == """
            --to:1:1: error: version '1' is the oldest version of parties/watch: there is none before it to compare with
            1 error, 0 warnings

            """)
        #expect(try error("--list", "demo-list").hasPrefix(
            "--list:1:1: error: controls/demo-list keeps one version (2026/1 (2026-01-01)), and a change set needs two"))
        #expect(try error("--content", "Nowhere", "--list", "watch").hasPrefix("--content:1:1: error: content folder 'Nowhere' not found"))
        #expect(try cli.exportal(["changes", "--list", "watch", "--format", "xml"], in: site.root).status == 2)
        #expect(try cli.exportal(["changes"], in: site.root).status == 2)
    }

    /// A version whose file is malformed is an error at its own line: no change set is printed.
    @Test func aMalformedVersionFileIsAnErrorAtItsLine() throws {
        let run = try exportal(["changes", "--list", "members"], files: SmallSite.files + "\n" + """
            -- Content/parties/members/list.yml --
            title: Members' list
            authority: Test Authority
            version: "2"
            date: 2026-02-01
            format: csv
            file: list.csv
            history:
              - version: "1"
                date: 2026-01-01
                file: history/1.csv
            -- Content/parties/members/list.csv --
            id,name,type,aliases,country,programmes,listed_on,remarks
            M-1,Alpha Trading,entity,,RU,,,
            -- Content/parties/members/history/1.csv --
            id,name,type,aliases,country,programmes,listed_on,remarks
            M-1,Alpha Trading,entity,,RU,,,
            M-2,"Beta Logistics,entity,,KZ,,,
            """)
        #expect(run.status == 1 && run.stdout == "")
        #expect(run.stderr == """
            Content/parties/members/history/1.csv:3:1: error: expected 8 columns, found 2
            Content/parties/members/history/1.csv:3:5: error: quoted field is not closed before the end of the file
            2 errors, 0 warnings

            """, "\(run.stderr)")
    }

    @Test func screenSinceReportsOnlyNewAndAmendedEntries() throws {
        try cli.requireBinary()
        let site = try FixtureSite(Self.files)
        let names = ["--name", "Severtech Integratsiya", "--name", "Kestrel Blue Avionics", "--name", "Rustam Karimov"]
        let text = try cli.exportal(["screen", "--list", "watch", "--since", "1"] + names, in: site.root)
        #expect(text.status == 0 && text.stderr == "", "\(text.stderr)")
        #expect(text.stdout == """
            Screened against what changed in Test watch list since version 1 (2026-01-01): 1 entry added, 1 amended in a field screening reads
            Severtech Integratsiya: 1 potential match
              1.000  Severtech Integratsiya LLC  [Test watch list, entry W-1]  (amended since 1: aliases)
                    tokens aligned 2/2; legal form ignored (LLC)
            Kestrel Blue Avionics: 1 potential match
              1.000  Kestrel "Blue" Avionics, Ltd  [Test watch list, entry W-3]  (added since 1)
                    tokens aligned 3/3; legal form ignored (LTD)
            Rustam Karimov: no new or amended potential match since 1 at threshold 0.800

            """)
        // Since version 2 W-1's remarks changed too, but screening does not read remarks: aliases only.
        let csv = try cli.exportal(["screen", "--list", "watch", "--since", "2", "--format", "csv"] + names, in: site.root)
        #expect(csv.stdout.hasPrefix("query,country,score,matched_name,list,entry,explanation,change_since,changed_fields\n"))
        #expect(csv.stdout.contains(#","W-1","tokens aligned 2/2; legal form ignored (LLC)","amended","aliases""#))
        #expect(csv.stdout.hasSuffix("\"Rustam Karimov\",,,,,,,,\n"))
        let json = try cli.exportal(["screen", "--list", "watch", "--since", "2", "--format", "json", "--name", "Kestrel Blue Avionics"], in: site.root)
        #expect(json.stdout.contains("""
            "since" : {
                      "change" : "added",
                      "fields" : [

                      ],
                      "version" : "2"
                    }
            """), "\(json.stdout)")
        // Without --since every entry is screened; with it, one list, and a version it keeps.
        #expect(try cli.exportal(["screen", "--list", "watch", "--name", "Rustam Karimov"], in: site.root).stdout.contains("entry W-2") == false)
        let noList = try cli.exportal(["screen", "--since", "1", "--name", "x"], in: site.root)
        #expect(noList.status == 1 && noList.stderr.hasPrefix("--since:1:1: error: --since needs exactly one --list: each list has its own versions"))
        let noVersion = try cli.exportal(["screen", "--list", "watch", "--since", "0", "--name", "x"], in: site.root)
        #expect(noVersion.status == 1 && noVersion.stderr.hasPrefix("--since:1:1: error: party list 'watch' has no version '0'"))
    }
}
