import ExportalDomain
import ExportalMarkdown

/// Training index, module pages, lesson pages (with previous/next) and quiz pages.
struct TrainingPages {
    let graph: ContentGraph

    static func summary(_ module: TrainingModule) -> [String: Any] {
        ["id": module.id, "title": module.title, "summary": orFalse(module.summary), "minutes": module.minutes,
         "lessonCount": module.lessons.count, "path": PortalPaths.module(module.id), "hasQuiz": module.quiz != nil,
         // What `Public/training.js` counts progress against: "2 of 3 lessons".
         "lessonSlugs": module.lessons.map(\.slug).joined(separator: " ")]
    }

    func pages() -> [Page] {
        var pages = [Page(path: PortalPaths.trainingIndex, template: "training-index", title: "Training",
                          description: "Self-paced training modules with self-check quizzes.", section: "training",
                          breadcrumbs: [("Home", "index.html")],
                          values: ["modules": graph.modules.map { Self.summary($0.module) }, "recordPath": PortalPaths.trainingRecord])]
        if !graph.modules.isEmpty { pages.append(recordPage()) }
        for module in graph.modules {
            pages.append(modulePage(module))
            pages += module.lessons.indices.map { lessonPage(module, index: $0) }
            if let quiz = module.quiz { pages.append(quizPage(module, quiz: quiz)) }
        }
        return pages
    }

    private func moduleCrumbs(_ module: ResolvedModule) -> [(title: String, path: String)] {
        [("Home", "index.html"), ("Training", PortalPaths.trainingIndex), (module.title, PortalPaths.module(module.id))]
    }

    private func lessonLink(_ module: ResolvedModule, _ lesson: ResolvedLesson, number: Int) -> [String: Any] {
        ["title": lesson.title, "slug": lesson.slug, "path": PortalPaths.lesson(module: module.id, lesson.slug), "number": number,
         "summary": orFalse(lesson.summary), "minutes": orFalse(lesson.minutes.map(String.init))]
    }

    func modulePage(_ module: ResolvedModule) -> Page {
        var values = Self.summary(module.module)
        values["objectives"] = module.objectives.map { ["html": inlineHTML($0)] }
        values["lessons"] = module.lessons.enumerated().map { lessonLink(module, $1, number: $0 + 1) }
        values["audience"] = orFalse(module.audience.map(\.title).joined(separator: ", "))
        values["quizPath"] = PortalPaths.quiz(module: module.id)
        values["recordPath"] = PortalPaths.trainingRecord
        let path = PortalPaths.module(module.id)
        values.merge(graph.referencedInValues(page: path)) { $1 }
        values.merge(graph.relatedValues(page: path)) { $1 }
        return Page(path: path, template: "module", title: module.title,
                    description: module.summary, section: "training",
                    breadcrumbs: Array(moduleCrumbs(module).prefix(2)), values: values)
    }

    func lessonPage(_ module: ResolvedModule, index: Int) -> Page {
        let lesson = module.lessons[index]
        let previous: [String: Any] = index > 0
            ? ["title": module.lessons[index - 1].title, "path": PortalPaths.lesson(module: module.id, module.lessons[index - 1].slug)]
            : ["title": module.title, "path": PortalPaths.module(module.id)]
        let next: Any
        if index + 1 < module.lessons.count {
            next = ["title": module.lessons[index + 1].title, "path": PortalPaths.lesson(module: module.id, module.lessons[index + 1].slug)]
        } else if let quiz = module.quiz {
            next = ["title": quiz.title, "path": PortalPaths.quiz(module: module.id)]
        } else {
            next = false
        }
        let path = PortalPaths.lesson(module: module.id, lesson.slug)
        return Page(path: path, template: "lesson", title: lesson.title,
                    description: lesson.summary, section: "training", breadcrumbs: moduleCrumbs(module),
                    values: ["title": lesson.title, "slug": lesson.slug, "summary": orFalse(lesson.summary), "body": lesson.body.html,
                             "number": index + 1, "lessonCount": module.lessons.count, "module": Self.summary(module.module),
                             "previous": previous, "next": next, "minutes": orFalse(lesson.minutes.map(String.init))]
                        .merging(graph.referencedInValues(page: path)) { $1 }.merging(graph.relatedValues(page: path)) { $1 })
    }

    func quizPage(_ module: ResolvedModule, quiz: ResolvedQuiz) -> Page {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ").map(String.init)
        let questions = quiz.questions.enumerated().map { index, question -> [String: Any] in
            let id = "q\(index + 1)"
            let multiple = question.choices.filter(\.choice.correct).count > 1
            let choices = question.choices.enumerated().map { choiceIndex, choice -> [String: Any] in
                let letter = letters[choiceIndex % letters.count]
                return ["letter": letter, "html": inlineHTML(choice.text), "correct": choice.choice.correct,
                        "id": "\(id)-\(letter.lowercased())", "value": letter.lowercased(), "name": id,
                        "inputType": multiple ? "checkbox" : "radio"]
            }
            let correct = choices.filter { $0["correct"] as? Bool == true }.compactMap { $0["letter"] as? String }
            // The answer is in the page on purpose: the quiz is self-study, checked in the browser.
            return ["number": index + 1, "id": id, "question": question.question.html,
                    "choices": choices, "multiple": multiple,
                    "answer": correct.joined(separator: " and "),
                    "answerValues": correct.map { $0.lowercased() }.joined(separator: " "),
                    "explanation": question.explanation.html]
        }
        var values = Self.summary(module.module)
        values["quizTitle"] = quiz.title
        values["questions"] = questions
        values["module"] = Self.summary(module.module)
        if let last = module.lessons.last {
            values["previous"] = ["title": last.title, "path": PortalPaths.lesson(module: module.id, last.slug)]
        } else {
            values["previous"] = false
        }
        return Page(path: PortalPaths.quiz(module: module.id), template: "quiz", title: "\(quiz.title): \(module.title)",
                    description: "Self-check questions for the module \(module.title).", section: "training",
                    breadcrumbs: moduleCrumbs(module), values: values)
    }

    /// The completion record is built in the browser from the progress `training.js` saved; the
    /// page itself lists the modules and says, without JavaScript, why it is otherwise empty.
    func recordPage() -> Page {
        Page(path: PortalPaths.trainingRecord, template: "training-record", title: "Training record",
             description: "A printable, self-attested record of the training modules completed in this browser.",
             section: "training", breadcrumbs: [("Home", "index.html"), ("Training", PortalPaths.trainingIndex)],
             values: ["modules": graph.modules.map { Self.summary($0.module) }, "moduleCount": graph.modules.count])
    }
}
