/// A small but complete valid site: every file kind and most fields.
enum SmallSite {
    static let files = """
    -- Content/site.yml --
    title: Test Portal
    organisation: Test Association
    base_url: https://example.org/compliance/
    jurisdiction: eu
    description: A portal for tests.
    -- Content/guidance/end-use-checks.md --
    ---
    title: End-use checks
    summary: How to check what an item will be used for.
    tags: [end-use, screening]
    audience: [compliance, sales]
    updated: 2026-01-15
    ---

    # End-use checks

    Ask for an end-use statement before quoting.

    ## Red flags

    | Sign | Weight |
    |:-----|------:|
    | Cash | high |

    ### Odd routing

    - [x] Screen the consignee
    - [ ] File the statement

    A note.[^1]

    [^1]: Keep it five years.
    -- Content/guidance/draft-notes.md --
    ---
    title: Unfinished notes
    draft: true
    ---

    Not yet.
    -- Content/controls/demo-list/list.yml --
    id: demo-list
    title: Demo list
    authority: Test Authority
    version: "2026/1"
    effective: 2026-01-01
    source: https://example.org/list
    description: A *demo* list.
    -- Content/controls/demo-list/entries.yml --
    entries:
      - code: 5A002
        title: Information security items
        reasons: [NS, AT]
        regimes: [wassenaar]
        description: Items that protect data with cryptography.
        notes:
          - Mass-market items may be released.
        technical_notes:
          - Key length counts without parity bits.
        items:
          - code: 5A002.a
            title: Confidentiality items
            items:
              - code: 5A002.a.1
                title: Primary function is security
                annex_iv: true
      - code: 1C350
        title: Chemical precursors
        reasons: [CB]
        regimes: [australia-group]
    -- Content/training/basics/module.yml --
    title: Basics
    summary: The basics.
    audience: [sales]
    objectives:
      - Explain what a *dual-use* item is.
    minutes: 20
    lessons:
      - first-steps
      - next-steps
    -- Content/training/basics/first-steps.md --
    ---
    title: First steps
    minutes: 10
    ---

    Dual-use items serve civil and military ends.
    -- Content/training/basics/next-steps.md --
    ---
    title: Next steps
    ---

    ## Classify

    Find your code.
    -- Content/training/basics/quiz.yml --
    questions:
      - question: Which parties are screened?
        choices:
          - text: Only the buyer
          - text: Every party
            correct: true
        explanation: All parties, including forwarders.
    -- Content/glossary.yml --
    terms:
      - term: Catch-all control
        id: catch-all
        definition: A licence requirement for an *unlisted* item.
        synonyms: [end-use control]
      - term: Dual-use item
        definition: An item with civil and military uses.
    -- Content/rules/eu.yml --
    id: eu
    title: Test rules
    version: "1"
    lists: [demo-list]
    groups:
      - id: home
        title: the home market
        countries: [DE, FR]
    rules:
      - id: t.home
        precedence: 10
        when: {destinations: [home]}
        outcome: no-licence-required
        citation: Art. 11
        why: Inside the home market no licence is needed.
      - id: t.listed
        precedence: 20
        when: {classification: listed}
        outcome: licence-required
        citation: Art. 3
        why: Listed items need a licence.
    -- Content/exporters/acme.yml --
    name: Acme Secret Machines GmbH
    country: DE
    contact: compliance@acme.example
    products:
      - id: mill
        name: Hyperion five-axis mill
        classification: listed
        codes: [5A002.a.1]
      - id: lathe
        name: Plain lathe
        classification: not-listed
    destinations: [US, CN]
    parties:
      - name: Zephyr Trading LLC
        country: AE
        role: intermediary
        end_use_statement: false
    """
}
