import ExportalDomain

/// The checklist page's template context, built from the same `Checklist` value as `checklist.json`:
/// every field under its JSON name, plus the `has…` flags that Mustache sections need to tell an
/// empty value from a present one. Custom `checklist.mustache` templates rely on these names.
extension Checklist {
    var templateContext: [String: Any] {
        [
            "exporter": exporter.templateContext,
            "buildDate": buildDate,
            "tool": tool,
            "fingerprint": fingerprint,
            "ruleset": ["id": ruleset.id, "title": ruleset.title, "version": ruleset.version],
            "lists": lists.map { ["id": $0.id, "title": $0.title, "version": $0.version, "effective": $0.effective] },
            "sinceReview": sinceReview.templateContext,
            "matrix": matrix.map(\.templateContext),
            "authorisations": authorisations.map { ["id": $0.id, "conditions": $0.conditions] as [String: Any] },
            "hasAuthorisations": !authorisations.isEmpty,
            "actions": actions.map(\.templateContext),
            "risks": risks.map {
                ["product": $0.product, "destination": $0.destination, "party": $0.party, "level": $0.level, "score": $0.score,
                 "factors": $0.factors] as [String: Any]
            },
            "riskTables": riskTables.map { table -> [String: Any] in
                ["products": table.products, "common": table.common, "hasCommon": !table.common.isEmpty,
                 "rows": table.rows.map {
                     ["destinations": $0.destinations, "party": $0.party, "level": $0.level, "score": $0.score,
                      "factors": $0.factors] as [String: Any]
                 }]
            },
            "parties": parties.map(\.templateContext),
            "partyLists": partyLists.map { ["id": $0.id, "title": $0.title, "version": $0.version, "date": $0.date] },
            "dispositions": dispositions.map {
                Checklist.decisionFlags($0.decision).merging(
                ["party": $0.party, "list": $0.list, "entry": $0.entry, "decision": $0.decision,
                 "reviewer": $0.reviewer, "date": $0.date, "reason": $0.reason, "version": $0.version, "status": $0.status, "note": $0.note]) { first, _ in first }
            },
            "hasDispositions": !dispositions.isEmpty,
            "redFlags": redFlags.map(\.templateContext),
            "icp": icp.map { ["id": $0.id, "title": $0.title, "check": $0.check, "answer": $0.answer] },
            "training": training.map(\.templateContext),
            "questions": questions.map { ["id": $0.id, "text": $0.text, "citation": $0.citation, "answer": $0.answer] },
        ]
    }
}

extension Checklist {
    /// One `has…` flag per decision, so a template can print each in words.
    static func decisionFlags(_ decision: String) -> [String: Any] {
        ["hasFalsePositive": decision == Disposition.Decision.falsePositive.rawValue,
         "hasConfirmedMatch": decision == Disposition.Decision.confirmedMatch.rawValue,
         "hasEscalated": decision == Disposition.Decision.escalated.rawValue]
    }
}

extension Checklist.SinceReview {
    var templateContext: [String: Any] {
        ["hasLists": !lists.isEmpty, "hasItems": !items.isEmpty,
         "lists": lists.map { list -> [String: Any] in
             ["id": list.id, "title": list.title, "kind": list.kind, "reviewed": list.reviewed, "current": list.current,
              "hasVersions": !list.versions.isEmpty, "versions": list.versions.map(\.templateContext)]
         },
         "items": items.map { item -> [String: Any] in
             ["kind": item.kind, "subject": item.subject, "text": item.text, "list": item.list, "entry": item.entry, "name": item.name,
              "url": item.url, "hasURL": !item.url.isEmpty, "changes": item.changes.map(\.templateContext)]
         }]
    }
}

extension Checklist.VersionLink {
    var templateContext: [String: Any] { ["version": version, "change": change, "hasChange": !change.isEmpty, "url": url] }
}

extension Checklist.Exporter {
    var templateContext: [String: Any] {
        ["id": id, "name": name, "country": country, "contact": contact, "hasContact": !contact.isEmpty]
    }
}

extension Checklist.Product {
    var templateContext: [String: Any] {
        ["id": id, "name": name, "description": description, "hasDescription": !description.isEmpty,
         "classification": classification, "codes": codes.map(\.templateContext), "rows": rows.map(\.templateContext),
         "groups": groups.map(\.templateContext)]
    }
}

extension Checklist.CodeLink {
    var templateContext: [String: Any] { ["code": code, "url": url, "hasURL": !url.isEmpty] }
}

extension Checklist.Determination {
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "destination": destination, "transfer": transfer, "outcome": outcome, "title": title, "rule": rule,
            "citation": citation, "why": why, "entry": entry.templateContext,
            "conditions": conditions, "missing": missing, "unanswered": unanswered,
            "hasConditions": !conditions.isEmpty,
            "hasUnanswered": !unanswered.isEmpty,
            // Unanswered catch-all questions stand for what is missing; they are listed once, in section 2.
            "hasMissing": unanswered.isEmpty && !missing.isEmpty,
        ]
        if let code { context["code"] = code }
        if let authorisation { context["authorisation"] = authorisation }
        return context
    }
}

extension Checklist.DestinationGroup {
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "destinations": destinations, "transfer": transfer, "outcome": outcome, "title": title,
            "rule": rule, "citation": citation, "why": why, "entry": entry.templateContext, "missing": missing, "unanswered": unanswered,
            "hasUnanswered": !unanswered.isEmpty, "hasMissing": unanswered.isEmpty && !missing.isEmpty,
        ]
        if let code { context["code"] = code }
        if let authorisation { context["authorisation"] = authorisation }
        return context
    }
}

extension Checklist.Check {
    var templateContext: [String: Any] { ["text": text, "why": why] }
}

extension Checklist.Party {
    var templateContext: [String: Any] {
        ["name": name, "country": country, "role": role, "endUseStatement": endUseStatement, "screening": screening,
         "hasMatches": !matches.isEmpty,
         // A decision that stands replaces the empty review box; any other match still needs one.
         "hasOpenMatches": matches.contains { $0.review.status != "standing" },
         "matches": matches.map {
             ["score": $0.score, "name": $0.name, "list": $0.list, "entry": $0.entry, "url": $0.url, "explanation": $0.explanation,
              "review": $0.review.templateContext]
         }]
    }
}

extension Checklist.Review {
    var templateContext: [String: Any] {
        Checklist.decisionFlags(decision).merging(
            ["status": status, "hasNoDecision": status == "open", "hasStandingDecision": status == "standing",
             "hasReopenedDecision": status == "reopened", "decision": decision, "reviewer": reviewer, "date": date,
             "reason": reason, "version": version, "note": note]) { first, _ in first }
    }
}

extension Checklist.Training {
    var templateContext: [String: Any] {
        ["role": role, "roleID": roleID, "why": why, "hasModules": !modules.isEmpty, "modules": modules.map { module -> [String: Any] in
            ["title": module.title, "url": module.url, "minutes": module.minutes,
             "lessons": module.lessons.map { ["title": $0.title, "url": $0.url] }]
        }]
    }
}
