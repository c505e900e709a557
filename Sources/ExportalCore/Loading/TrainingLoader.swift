import ExportalDomain
import Foundation

/// Loads `training/<id>/`: module.yml, the lessons it lists, and quiz.yml.
struct TrainingLoader {
    let folder: ContentFolder
    let id: String
    let report: DiagnosticSink

    func load() -> TrainingModule? {
        let base = "training/\(id)"
        guard Slug.isValid(id) else {
            report.error(SourceLocation(file: folder.display(base), line: 1, column: 1),
                         "module folder '\(id)' is not a valid slug", hint: "use lowercase letters, digits and hyphens")
            return nil
        }
        guard folder.exists("\(base)/module.yml") else {
            report.error(SourceLocation(file: folder.display("\(base)/module.yml"), line: 1, column: 1),
                         "training module '\(id)' has no module.yml")
            return nil
        }
        guard let file = folder.read("\(base)/module.yml", report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("module.yml", fields: ["title", "summary", "audience", "objectives", "minutes", "lessons", "related"])
        else { return nil }
        let title = map.requiredString("title")
        let audience = map["audience"].flatMap { audienceList($0, report: report) } ?? []
        let objectiveValues = map.required("objectives")?.sequence("'objectives'")
        let objectives = objectiveValues?.compactMap { $0.markdown("each objective") }
        // An item that is not text is reported as such; the list is empty only when it has no items.
        if let objectiveValues, objectiveValues.isEmpty, let value = map["objectives"] {
            report.error(value.location, "'objectives' must list at least one learning objective")
        }
        let minutes = map.required("minutes")?.positiveInt("'minutes'")
        let lessonValues = map.required("lessons")?.sequence("'lessons'") ?? []
        if lessonValues.isEmpty, let value = map["lessons"] {
            report.error(value.location, "'lessons' must list at least one lesson")
        }

        let files = Set(folder.list(base))
        var listed = Set<String>()
        var lessons: [Lesson] = []
        for value in lessonValues {
            guard let slug = value.string("each lesson") else { continue }
            guard Slug.isValid(slug) else {
                report.error(value.location, "lesson '\(slug)' is not a valid slug")
                continue
            }
            guard !["index", "quiz"].contains(slug) else {
                report.error(value.location, "lesson slug '\(slug)' is reserved for the module's \(slug) page", hint: "rename the lesson")
                continue
            }
            guard listed.insert(slug).inserted else {
                report.error(value.location, "lesson '\(slug)' is listed twice")
                continue
            }
            guard files.contains("\(slug).md") else {
                let candidates = files.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }
                report.error(value.location, "lesson '\(slug)' has no file \(base)/\(slug).md",
                             hint: Suggestions.hint(for: slug, in: candidates))
                continue
            }
            if let lesson = loadLesson(slug) { lessons.append(lesson) } else { report.dropped(.training) }
        }
        for name in files.sorted() where name.hasSuffix(".md") && !listed.contains(String(name.dropLast(3))) {
            report.error(SourceLocation(file: folder.display("\(base)/\(name)"), line: 1, column: 1),
                         "lesson file is not listed in module.yml 'lessons'", hint: "add '\(name.dropLast(3))' where it belongs in the order")
        }
        for name in files.sorted() where !name.hasSuffix(".md") && !["module.yml", "quiz.yml"].contains(name) {
            report.error(SourceLocation(file: folder.display("\(base)/\(name)"), line: 1, column: 1),
                         "unexpected file in a training module", hint: "a module holds module.yml, quiz.yml and lesson .md files")
        }
        let quiz = files.contains("quiz.yml") ? loadQuiz() : nil
        // Kept with what it has (the errors fail the build), so references to it are not reported too.
        return TrainingModule(id: id, title: title ?? id, summary: map.optionalString("summary"), audience: audience,
                              objectives: objectives ?? [], minutes: minutes ?? 1, lessons: lessons, quiz: quiz,
                              related: map["related"]?.strings("'related'") ?? [])
    }

    func loadLesson(_ slug: String) -> Lesson? {
        guard let file = folder.read("training/\(id)/\(slug).md", report: report),
              let front = FrontMatter.split(file, report: report),
              let root = YAMLDocument.parse(front.yaml, file: file.path, firstLine: front.yamlFirstLine, report: report),
              let map = root.mapping("front matter", fields: ["title", "summary", "minutes", "related"]),
              let title = map.requiredString("title") else { return nil }
        return Lesson(slug: slug, title: title, summary: map.optionalString("summary"),
                      minutes: map["minutes"]?.positiveInt("'minutes'"), body: front.body,
                      related: map["related"]?.strings("'related'") ?? [])
    }

    private func loadQuiz() -> Quiz? {
        guard let file = folder.read("training/\(id)/quiz.yml", report: report),
              let root = YAMLDocument.parse(file.text, file: file.path, report: report),
              let map = root.mapping("quiz.yml", fields: ["title", "questions"]),
              let questionValues = map.required("questions")?.sequence("'questions'") else { return nil }
        if questionValues.isEmpty { report.error(map.location, "a quiz needs at least one question") }
        let questions = questionValues.compactMap { value -> QuizQuestion? in
            guard let q = value.mapping("a quiz question", fields: ["question", "choices", "explanation"]) else { return nil }
            let question = q.required("question")?.markdown("'question'")
            let explanation = q.required("explanation")?.markdown("'explanation'")
            let choiceValues = q.required("choices")?.sequence("'choices'") ?? []
            var unreadable = false
            let choices = choiceValues.compactMap { choice -> QuizQuestion.Choice? in
                guard let c = choice.mapping("a choice", fields: ["text", "correct"]),
                      let text = c.required("text")?.markdown("'text'") else { return nil }
                let correct = c["correct"].map { $0.bool("'correct'") } ?? false
                if correct == nil { unreadable = true }
                return QuizQuestion.Choice(text: text, correct: correct ?? false)
            }
            if let value = q["choices"] {
                if choiceValues.count < 2 {
                    report.error(value.location, "a question needs at least two choices")
                } else if choices.count == choiceValues.count, !unreadable, !choices.contains(where: \.correct) {
                    // A 'correct' that is not true or false is reported already; saying there is no correct choice would follow from it.
                    report.error(value.location, "no choice is marked 'correct: true'")
                }
            }
            guard let question, let explanation, choices.count == choiceValues.count, choices.count >= 2 else { return nil }
            return QuizQuestion(question: question, choices: choices, explanation: explanation)
        }
        return Quiz(title: map.optionalString("title") ?? "Self-check quiz", questions: questions)
    }
}
