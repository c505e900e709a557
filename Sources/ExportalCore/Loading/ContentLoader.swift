import ExportalDomain
import ExportalMarkdown
import Foundation

/// Reads a content folder into a `ContentSet`, validating each file on its own.
/// Cross-file rules (references between files) are checked later, in `ContentGraph`.
package struct ContentLoader {
    let folder: ContentFolder
    let report: DiagnosticSink
    /// The build's `--build-date`, which no disposition may postdate; nil skips that check.
    var buildDate: String? = nil
    /// `serve`: the articles the last good build parsed, reused where a file's text is unchanged.
    var articles: ArticleMemo? = nil

    package init(folder: ContentFolder, report: DiagnosticSink, buildDate: String? = nil, articles: ArticleMemo? = nil) {
        self.folder = folder
        self.report = report
        self.buildDate = buildDate
        self.articles = articles
    }

    package func load() -> ContentSet {
        // Party lists, the largest files by far, are read while the rest loads: nothing else
        // depends on them. They report to a sink of their own, so the two never share one.
        let folder = folder, partyReport = DiagnosticSink()
        var (partyLists, content) = inParallel({ PartyListLoader(folder: folder, report: partyReport).loadAll() }, {
            var content = ContentSet()
            content.displayPath = folder.displayPath
            content.site = loadSite()
            if content.site == nil { report.dropped(.site) }
            content.guidance = loadGuidance()
            content.controlLists = loadControlLists()
            content.modules = loadTraining()
            content.glossary = loadGlossary()
            content.exporters = loadExporters(knownCodes: Set(content.controlLists.flatMap { list in
                list.entries.flatMap(\.flattened).map(\.code.description)
            }))
            content.rulesets = RulesLoader(folder: folder, report: report).loadAll()
            return content
        })
        report.add(partyReport.report)
        content.partyLists = partyLists
        checkRulesets(content)
        ExporterReviewCheck(partyLists: content.partyLists, controlLists: content.controlLists, buildDate: buildDate, report: report)
            .check(content.exporters)
        reportStrayEntries()
        return content
    }

    // MARK: site.yml

    func loadSite() -> SiteConfig? {
        guard folder.exists("site.yml") else {
            report.error(SourceLocation(file: folder.display("site.yml"), line: 1, column: 1), "site.yml is missing",
                         hint: "every content folder needs a site.yml with title, organisation, base_url and jurisdiction")
            return nil
        }
        if folder.isDirectory("site.yml") { return nil }  // reported by the layout check
        guard let file = folder.read("site.yml", report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("site.yml", fields: ["title", "organisation", "base_url", "jurisdiction",
                                                         "description", "language", "allow_raw_html"]) else { return nil }
        let title = map.requiredString("title")
        let organisation = map.requiredString("organisation")
        let baseURL = map.required("base_url").flatMap { value -> String? in
            guard let text = value.url("'base_url'") else { return nil }
            guard text.hasSuffix("/") else {
                report.error(value.location, "'base_url' must be an absolute http(s) URL ending in '/', found '\(text)'")
                return nil
            }
            return text
        }
        let jurisdiction = map.required("jurisdiction")?.slug("'jurisdiction'")
        let language = map["language"].flatMap { $0.string("'language'") } ?? "en"
        let allowRaw = map.optionalBool("allow_raw_html", default: false)
        guard let title, let organisation, let baseURL, let jurisdiction else { return nil }
        return SiteConfig(title: title, organisation: organisation, baseURL: baseURL, jurisdiction: jurisdiction,
                          description: map.optionalString("description"), language: language, allowRawHTML: allowRaw,
                          jurisdictionLocation: map["jurisdiction"]?.location)
    }

    // MARK: guidance/*.md

    /// Articles are independent files, so they are read on every core; each reports to a sink of its
    /// own, merged in file order, so diagnostics do not depend on which thread finished first.
    func loadGuidance() -> [GuidanceArticle] {
        let names = markdownFiles(in: "guidance"), folder = folder, memo = articles
        let loaded = inParallel(names.count) { index in
            let loader = ContentLoader(folder: folder, report: DiagnosticSink(), articles: memo)
            let article = loader.loadArticle(names[index])
            if article == nil { loader.report.dropped(.guidance) }
            return (article, loader.report.report)
        }
        return loaded.compactMap { article, diagnostics in
            report.add(diagnostics)
            return article
        }
    }

    func loadArticle(_ name: String) -> GuidanceArticle? {
        let relative = "guidance/\(name)"
        if name == "index.md" {
            report.error(SourceLocation(file: folder.display(relative), line: 1, column: 1),
                         "'index' is reserved for the guidance index page", hint: "rename the file")
            return nil
        }
        guard let slug = fileSlug(name, relative), let file = folder.read(relative, report: report) else { return nil }
        guard let articles else { return parseArticle(file, slug: slug) }
        // Only this file's diagnostics are in the sink (each article has its own): kept with it.
        let (parsed, reused) = articles.value(for: relative, reusable: { $0.text == file.text }) {
            let article = parseArticle(file, slug: slug)
            return ParsedArticle(text: file.text, article: article, report: report.report)
        }
        if reused { report.add(parsed.report) }
        return parsed.article
    }

    private func parseArticle(_ file: SourceFile, slug: String) -> GuidanceArticle? {
        guard let front = FrontMatter.split(file, report: report),
              let root = YAMLDocument.parse(front.yaml, file: file.path, firstLine: front.yamlFirstLine, report: report),
              let map = root.mapping("front matter", fields: ["title", "summary", "tags", "audience", "updated", "draft", "related"])
        else { return nil }
        let title = map.requiredString("title")
        let tags = map["tags"].flatMap { slugs($0, "'tags'") } ?? []
        let audience = map["audience"].flatMap { audienceList($0, report: report) } ?? []
        let updated = map["updated"].flatMap { $0.date("'updated'") }
        // Kept without its title (the error fails the build), so references to it are not reported too;
        // a body that opens with its title as a heading gives it, so that heading is not reported as well.
        return GuidanceArticle(slug: slug, title: title ?? front.leadingHeading ?? slug, summary: map.optionalString("summary"), tags: tags,
                               audience: audience, updated: updated,
                               draft: map.optionalBool("draft", default: false), body: front.body,
                               related: map["related"]?.strings("'related'") ?? [])
    }

    // MARK: controls/<list-id>/

    func loadControlLists() -> [ControlList] {
        folder.list("controls").compactMap { id -> ControlList? in
            let base = "controls/\(id)"
            guard folder.isDirectory(base) else {
                report.error(SourceLocation(file: folder.display(base), line: 1, column: 1),
                             "control lists are folders: move this file into controls/<list-id>/")
                return nil
            }
            let list = ControlListLoader(folder: folder, id: id, report: report).load()
            if list == nil { report.dropped(.controls) }
            return list
        }
    }

    // MARK: training/<module-id>/

    func loadTraining() -> [TrainingModule] {
        folder.list("training").compactMap { id -> TrainingModule? in
            let base = "training/\(id)"
            guard folder.isDirectory(base) else {
                report.error(SourceLocation(file: folder.display(base), line: 1, column: 1),
                             "training modules are folders: move this file into training/<module-id>/")
                return nil
            }
            let module = TrainingLoader(folder: folder, id: id, report: report).load()
            if module == nil { report.dropped(.training) }
            return module
        }
    }

    // MARK: glossary.yml

    func loadGlossary() -> [GlossaryTerm] {
        // A folder in its place is reported by the layout check (`reportStrayEntries`).
        guard folder.exists("glossary.yml"), !folder.isDirectory("glossary.yml"),
              let file = folder.read("glossary.yml", report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("glossary.yml", fields: ["terms"]),
              let items = map.required("terms")?.sequence("'terms'") else {
            if folder.exists("glossary.yml") { report.dropped(.glossary) }
            return []
        }
        var seenIDs: [String: SourceLocation] = [:]
        var seenNames: [String: SourceLocation] = [:]
        return items.compactMap { item -> GlossaryTerm? in
            guard let term = item.mapping("a glossary term", fields: ["term", "id", "definition", "synonyms"]) else { return nil }
            let name = term.requiredString("term")
            let definition = term.required("definition")?.markdown("'definition'")
            let synonyms = term["synonyms"]?.strings("'synonyms'") ?? []
            var id: String?
            if let given = term["id"] { id = given.slug("'id'") } else if let name { id = AnchorSlugger.slug(name) }
            guard let name, let definition, let id else {
                report.dropped(.glossary)
                return nil
            }
            if let first = seenIDs[id] {
                report.error(term["id"]?.location ?? term.location, "duplicate glossary id '\(id)'",
                             hint: "first defined at \(first)")
            }
            seenIDs[id] = seenIDs[id] ?? term.location
            for (label, location) in [(name, term.required("term")?.location ?? term.location)] + synonyms {
                let key = label.lowercased()
                if let first = seenNames[key] {
                    report.error(location, "'\(label)' is already a glossary term or synonym", hint: "first used at \(first)")
                } else {
                    seenNames[key] = location
                }
            }
            return GlossaryTerm(id: id, term: name, definition: definition, synonyms: synonyms.map(\.0))
        }
    }

    // MARK: exporters/*.yml (private)

    func loadExporters(knownCodes: Set<String>) -> [ExporterProfile] {
        folder.list("exporters").compactMap { name -> ExporterProfile? in
            let relative = "exporters/\(name)"
            guard name.hasSuffix(".yml") else {
                report.error(SourceLocation(file: folder.display(relative), line: 1, column: 1),
                             "exporter profiles are YAML files named <id>.yml")
                return nil
            }
            let id = String(name.dropLast(4))
            guard Slug.isValid(id) else {
                report.error(SourceLocation(file: folder.display(relative), line: 1, column: 1),
                             "'\(id)' is not a valid profile id", hint: "use lowercase letters, digits and hyphens")
                return nil
            }
            return ExporterLoader(folder: folder, id: id, relative: relative, knownCodes: knownCodes, report: report).load()
        }
    }

    /// Rulesets name lists and codes; profiles need the ruleset of their jurisdiction.
    func checkRulesets(_ content: ContentSet) {
        let lists = Dictionary(uniqueKeysWithValues: content.controlLists.map { ($0.id, $0) })
        for loaded in content.rulesets {
            for (id, location) in loaded.listReferences where lists[id] == nil {
                report.error(location, "unknown control list '\(id)'", hint: Suggestions.hint(for: id, in: lists.keys), refersTo: .controls)
            }
            let codes = Set(loaded.ruleset.lists.compactMap { lists[$0] }.flatMap { $0.entries.flatMap(\.flattened).map(\.code.description) })
            for (code, location) in loaded.codeReferences where !codes.contains(code) {
                let near = Suggestions.nearest(to: code, in: codes.sorted())
                report.error(location, "unknown control code '\(code)' in the lists of ruleset '\(loaded.ruleset.id)'"
                             + (near.isEmpty ? "" : " — did you mean \(near.joined(separator: ", "))?"), refersTo: .controls)
            }
        }
        let available = Set(content.rulesets.map(\.ruleset.id))
        var usersOfSiteJurisdiction: [String] = []
        for profile in content.exporters {
            // Without a readable site.yml the jurisdiction is unknown; that error is reported already.
            guard let jurisdiction = profile.jurisdiction ?? content.site?.jurisdiction else { continue }
            if let ruleset = content.rulesets.first(where: { $0.ruleset.id == jurisdiction })?.ruleset {
                for (question, location) in profile.answerLocations where ruleset.questions[question] == nil {
                    report.error(location, "unknown catch-all question '\(question)' in ruleset '\(ruleset.id)'",
                                 hint: Suggestions.hint(for: question, in: ruleset.questions.keys)
                                    ?? (ruleset.questions.isEmpty ? "the ruleset asks no catch-all questions"
                                        : "questions: " + ruleset.questions.keys.sorted().joined(separator: ", ")))
                }
                continue
            }
            // A jurisdiction that site.yml names is its fault, said once there, not once for every profile.
            guard let location = profile.jurisdictionLocation else {
                usersOfSiteJurisdiction.append(profile.id)
                continue
            }
            report.error(location, "no ruleset for jurisdiction '\(jurisdiction)': checklists need rules/\(jurisdiction).yml",
                         hint: available.isEmpty ? "add rules/\(jurisdiction).yml" : Suggestions.hint(for: jurisdiction, in: available),
                         refersTo: .rules)
        }
        if let site = content.site, !usersOfSiteJurisdiction.isEmpty {
            let jurisdiction = site.jurisdiction
            report.error(site.jurisdictionLocation ?? SourceLocation(file: folder.display("site.yml"), line: 1, column: 1),
                         "no ruleset for jurisdiction '\(jurisdiction)': the checklists of \(usersOfSiteJurisdiction.joined(separator: ", ")) need rules/\(jurisdiction).yml",
                         hint: Suggestions.hint(for: jurisdiction, in: available) ?? "add rules/\(jurisdiction).yml",
                         refersTo: .rules)
        }
    }

    /// Files at the top level that no loader reads are most likely misplaced, and a file where the
    /// layout has a folder (or the other way round) would otherwise be passed over in silence.
    func reportStrayEntries() {
        let folders: Set = ["guidance", "controls", "parties", "training", "rules", "exporters"]
        let files: Set = ["site.yml", "glossary.yml"]
        let known = folders.union(files)
        for name in folder.list("") where known.contains(name) && folders.contains(name) != folder.isDirectory(name) {
            report.error(SourceLocation(file: folder.display(name), line: 1, column: 1),
                         folders.contains(name) ? "'\(name)' must be a folder, but it is a file" : "'\(name)' must be a file, but it is a folder")
            if let kind = ContentKind(contentPath: name) { report.dropped(kind) }
        }
        for name in folder.list("") where !known.contains(name) {
            report.warning(SourceLocation(file: folder.display(name), line: 1, column: 1),
                           "'\(name)' is not part of the content layout and is ignored",
                           hint: Suggestions.hint(for: name, in: known))
        }
    }

    // MARK: shared helpers

    func markdownFiles(in relative: String) -> [String] {
        folder.list(relative).filter { name in
            if name.hasSuffix(".md") { return true }
            report.error(SourceLocation(file: folder.display("\(relative)/\(name)"), line: 1, column: 1),
                         "only Markdown (.md) files belong in \(relative)/")
            return false
        }
    }

    func fileSlug(_ name: String, _ relative: String) -> String? {
        let slug = String(name.dropLast(3))
        guard Slug.isValid(slug) else {
            report.error(SourceLocation(file: folder.display(relative), line: 1, column: 1),
                         "file name '\(name)' is not a valid slug", hint: "use lowercase letters, digits and hyphens, e.g. end-use-checks.md")
            return nil
        }
        return slug
    }

    func slugs(_ value: YAMLValue, _ what: String) -> [String]? {
        value.sequence(what)?.compactMap { $0.slug("each of \(what)") }
    }
}

func audienceList(_ value: YAMLValue, report: DiagnosticSink) -> [Audience]? {
    value.sequence("'audience'")?.compactMap { item in
        guard let text = item.string("each audience") else { return nil }
        guard let audience = Audience(rawValue: text) else {
            report.error(item.location, "unknown audience '\(text)'",
                         hint: Suggestions.hint(for: text, in: Audience.allCases.map(\.rawValue))
                            ?? "use one of: " + Audience.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return audience
    }
}
