import ExportalMarkdown

/// The content as rendering reads it: each model with its Markdown texts rendered and linked for
/// the page it appears on, held beside the text's model, so no rendering is looked up by anything.
/// Each record reads its model's other fields through (`article.title`); where a field is a text,
/// the record's own field of that name is the rendering (`article.body`), and the source is on the
/// model (`article.article.body`).
///
/// `PageContent.resolved(_:)` makes these records while linking, one page at a time, visiting
/// the texts in reading order; `ContentGraph` puts the pages' records together (`ContentGraph.Assembly`).
@dynamicMemberLookup
struct ResolvedArticle: Sendable {
    let article: GuidanceArticle
    let body: RenderedMarkdown

    subscript<T>(dynamicMember field: KeyPath<GuidanceArticle, T>) -> T { article[keyPath: field] }
}

/// A control-list entry or sub-item, with its sub-items.
@dynamicMemberLookup
struct ResolvedItem: Sendable {
    let item: ControlItem
    let description: RenderedMarkdown?
    let notes: [RenderedMarkdown]
    let technicalNotes: [RenderedMarkdown]
    let items: [ResolvedItem]

    subscript<T>(dynamicMember field: KeyPath<ControlItem, T>) -> T { item[keyPath: field] }

    /// This item and all its descendants, depth first.
    var flattened: [ResolvedItem] {
        var all: [ResolvedItem] = []
        func add(_ item: ResolvedItem) {
            all.append(item)
            for child in item.items { add(child) }
        }
        add(self)
        return all
    }

    /// An entry's page reads its description, then its sub-items' texts, then its own notes; a
    /// sub-item's texts are its description, its notes, then its sub-items'.
    init(entry: ControlItem, _ render: (MarkdownSource) -> RenderedMarkdown) {
        item = entry
        description = entry.description.map(render)
        items = entry.items.map { ResolvedItem(subItem: $0, render) }
        notes = entry.notes.map(render)
        technicalNotes = entry.technicalNotes.map(render)
    }

    private init(subItem: ControlItem, _ render: (MarkdownSource) -> RenderedMarkdown) {
        item = subItem
        description = subItem.description.map(render)
        notes = subItem.notes.map(render)
        technicalNotes = subItem.technicalNotes.map(render)
        items = subItem.items.map { ResolvedItem(subItem: $0, render) }
    }
}

/// An entry that an earlier version of its list held and the current one does not.
struct ResolvedRemovedEntry: Sendable {
    let removal: RemovedControlEntry
    let item: ResolvedItem
}

@dynamicMemberLookup
struct ResolvedList: Sendable {
    let list: ControlList
    let description: RenderedMarkdown?
    var entries: [ResolvedItem] = []
    /// `list.removedEntries`, in that order.
    var removedEntries: [ResolvedRemovedEntry] = []

    subscript<T>(dynamicMember field: KeyPath<ControlList, T>) -> T { list[keyPath: field] }
}

@dynamicMemberLookup
struct ResolvedLesson: Sendable {
    let lesson: Lesson
    let body: RenderedMarkdown

    subscript<T>(dynamicMember field: KeyPath<Lesson, T>) -> T { lesson[keyPath: field] }
}

@dynamicMemberLookup
struct ResolvedQuestion: Sendable {
    let quizQuestion: QuizQuestion
    let question: RenderedMarkdown
    /// Each choice with its text rendered, in order.
    let choices: [(choice: QuizQuestion.Choice, text: RenderedMarkdown)]
    let explanation: RenderedMarkdown

    subscript<T>(dynamicMember field: KeyPath<QuizQuestion, T>) -> T { quizQuestion[keyPath: field] }
}

@dynamicMemberLookup
struct ResolvedQuiz: Sendable {
    let quiz: Quiz
    let questions: [ResolvedQuestion]

    subscript<T>(dynamicMember field: KeyPath<Quiz, T>) -> T { quiz[keyPath: field] }
}

@dynamicMemberLookup
struct ResolvedModule: Sendable {
    let module: TrainingModule
    let objectives: [RenderedMarkdown]
    var lessons: [ResolvedLesson] = []
    var quiz: ResolvedQuiz?

    subscript<T>(dynamicMember field: KeyPath<TrainingModule, T>) -> T { module[keyPath: field] }
}

@dynamicMemberLookup
struct ResolvedTerm: Sendable {
    let glossaryTerm: GlossaryTerm
    let definition: RenderedMarkdown

    subscript<T>(dynamicMember field: KeyPath<GlossaryTerm, T>) -> T { glossaryTerm[keyPath: field] }
}

/// What one planned page shows, as loaded: the model its texts come from.
enum PageContent: Sendable {
    case article(GuidanceArticle)
    /// A list's own page: its description.
    case list(ControlList)
    case entry(ControlItem)
    case removedEntry(RemovedControlEntry)
    /// A module's own page: its objectives.
    case module(TrainingModule)
    case lesson(Lesson)
    case quiz(Quiz)
    case glossary([GlossaryTerm])

    /// The page's texts, each rendered by `render`, which is called once per text in reading
    /// order: the order in which a glossary term is linked at its first occurrence on the page.
    /// This is the one place that order is written; `PagePlan` finds a page's texts through it.
    func resolved(_ render: (PagePlan.Part) -> RenderedMarkdown) -> Resolved {
        func plain(_ source: MarkdownSource) -> RenderedMarkdown { render(PagePlan.Part(source: source)) }
        switch self {
        case .article(let article):
            return .article(ResolvedArticle(article: article, body: render(PagePlan.Part(source: article.body, title: article.title))))
        case .list(let list):
            return .list(ResolvedList(list: list, description: list.description.map(plain)))
        case .entry(let entry):
            return .entry(ResolvedItem(entry: entry, plain))
        case .removedEntry(let removal):
            return .removedEntry(ResolvedRemovedEntry(removal: removal, item: ResolvedItem(entry: removal.item, plain)))
        case .module(let module):
            return .module(ResolvedModule(module: module, objectives: module.objectives.map(plain)))
        case .lesson(let lesson):
            return .lesson(ResolvedLesson(lesson: lesson, body: render(PagePlan.Part(source: lesson.body, title: lesson.title))))
        case .quiz(let quiz):
            return .quiz(ResolvedQuiz(quiz: quiz, questions: quiz.questions.map { question in
                let text = plain(question.question)
                let choices = question.choices.map { (choice: $0, text: plain($0.text)) }
                return ResolvedQuestion(quizQuestion: question, question: text, choices: choices, explanation: plain(question.explanation))
            }))
        case .glossary(let terms):
            return .glossary(terms.map { ResolvedTerm(glossaryTerm: $0, definition: render(PagePlan.Part(source: $0.definition, ownTerm: $0.id))) })
        }
    }

    /// A page's content with its texts rendered.
    enum Resolved: Sendable {
        case article(ResolvedArticle)
        case list(ResolvedList)
        case entry(ResolvedItem)
        case removedEntry(ResolvedRemovedEntry)
        case module(ResolvedModule)
        case lesson(ResolvedLesson)
        case quiz(ResolvedQuiz)
        case glossary([ResolvedTerm])
    }
}

extension ContentGraph {
    /// Puts the pages' records together, in the plan's order: a list's page comes before its
    /// entries' and its removed entries', a module's before its lessons' and its quiz's.
    struct Assembly {
        private(set) var articles: [ResolvedArticle] = []
        private(set) var lists: [ResolvedList] = []
        private(set) var modules: [ResolvedModule] = []
        private(set) var glossary: [ResolvedTerm] = []

        /// Adds a published page's records. An entry's page follows its list's page in the plan, and
        /// a lesson's or a quiz's its module's, so each belongs to the list or module added last.
        mutating func add(_ page: PageContent.Resolved) {
            switch page {
            case .article(let article): articles.append(article)
            case .list(let list): lists.append(list)
            case .entry(let entry):
                if let list = lists.indices.last { lists[list].entries.append(entry) }
            case .removedEntry(let entry):
                if let list = lists.indices.last { lists[list].removedEntries.append(entry) }
            case .module(let module): modules.append(module)
            case .lesson(let lesson):
                if let module = modules.indices.last { modules[module].lessons.append(lesson) }
            case .quiz(let quiz):
                if let module = modules.indices.last { modules[module].quiz = quiz }
            case .glossary(let terms): glossary = terms
            }
        }
    }
}
