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
            "matrix": matrix.map(\.templateContext),
            "actions": actions.map(\.templateContext),
            "risks": risks.map {
                ["product": $0.product, "destination": $0.destination, "party": $0.party, "level": $0.level, "score": $0.score,
                 "factors": $0.factors] as [String: Any]
            },
            "parties": parties.map(\.templateContext),
            "partyLists": partyLists.map { ["id": $0.id, "title": $0.title, "version": $0.version, "date": $0.date] },
            "redFlags": redFlags.map(\.templateContext),
            "icp": icp.map { ["id": $0.id, "title": $0.title, "check": $0.check, "answer": $0.answer] },
            "training": training.map(\.templateContext),
            "questions": questions.map { ["id": $0.id, "text": $0.text, "citation": $0.citation, "answer": $0.answer] },
        ]
    }
}

extension Checklist.Exporter {
    var templateContext: [String: Any] {
        ["id": id, "name": name, "country": country, "contact": contact, "hasContact": !contact.isEmpty]
    }
}

extension Checklist.Product {
    var templateContext: [String: Any] {
        ["id": id, "name": name, "description": description, "hasDescription": !description.isEmpty,
         "classification": classification, "codes": codes.map(\.templateContext), "rows": rows.map(\.templateContext)]
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

extension Checklist.Check {
    var templateContext: [String: Any] { ["text": text, "why": why] }
}

extension Checklist.Party {
    var templateContext: [String: Any] {
        ["name": name, "country": country, "role": role, "endUseStatement": endUseStatement, "screening": screening,
         "hasMatches": !matches.isEmpty,
         "matches": matches.map {
             ["score": $0.score, "name": $0.name, "list": $0.list, "entry": $0.entry, "url": $0.url, "explanation": $0.explanation]
         }]
    }
}

extension Checklist.Training {
    var templateContext: [String: Any] {
        ["role": role, "roleID": roleID, "why": why, "modules": modules.map { module -> [String: Any] in
            ["title": module.title, "url": module.url, "minutes": module.minutes,
             "lessons": module.lessons.map { ["title": $0.title, "url": $0.url] }]
        }]
    }
}
