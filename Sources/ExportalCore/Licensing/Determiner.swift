import ExportalDomain
import Foundation

/// `exportal determine`: one licence determination from a content folder's rules and lists.
public struct DetermineRequest: Sendable {
    public var content: String
    public var contentDisplay: String
    /// A control code, `not-listed` or `unclassified`.
    public var item: String
    public var destination: String
    public var transfer: String
    /// Ruleset id; defaults to the site's jurisdiction.
    public var jurisdiction: String?
    /// Catch-all answers written `question-id=yes|no`.
    public var answers: [String]
    public var json: Bool

    public init(content: String, item: String, destination: String, transfer: String = TransferKind.physicalExport.rawValue,
                jurisdiction: String? = nil, answers: [String] = [], json: Bool = false) {
        self.content = content
        self.contentDisplay = content
        self.item = item
        self.destination = destination
        self.transfer = transfer
        self.jurisdiction = jurisdiction
        self.answers = answers
        self.json = json
    }
}

public struct DetermineResult: Sendable {
    public let diagnostics: [Diagnostic]
    /// The determination, printed as text or JSON; nil when the input was wrong.
    public let output: String?
}

/// What `determine` and `screen` share: mistakes reported against the option they came from
/// (as `--base-url` is for `build`), and the content folder loaded and validated.
struct CommandRun {
    let report = DiagnosticSink()

    func fail(_ option: String, _ message: String, hint: String? = nil) -> DetermineResult {
        report.error(SourceLocation(file: option, line: 1, column: 1), message, hint: hint)
        return stop()
    }

    func stop() -> DetermineResult { DetermineResult(diagnostics: report.report.sorted, output: nil) }

    func finish(_ output: String) -> DetermineResult { DetermineResult(diagnostics: report.report.sorted, output: output) }

    /// The content set, or nil (with diagnostics) when the folder is missing or has errors.
    func load(_ path: String, display: String) -> ContentSet? {
        let folder = ContentFolder(url: URL(fileURLWithPath: path), displayPath: display)
        guard folder.isDirectory("") else {
            _ = fail("--content", "content folder '\(path)' not found")
            return nil
        }
        let content = ContentLoader(folder: folder, report: report).load()
        return report.hasErrors ? nil : content
    }
}

public enum Determiner {
    public static func run(_ request: DetermineRequest) -> DetermineResult {
        let command = CommandRun()
        func fail(_ option: String, _ message: String, hint: String? = nil) -> DetermineResult { command.fail(option, message, hint: hint) }
        guard let content = command.load(request.content, display: request.contentDisplay) else { return command.stop() }

        let jurisdiction = request.jurisdiction ?? content.site?.jurisdiction ?? ""
        let rulesets = content.rulesets.map(\.ruleset)
        guard let ruleset = rulesets.first(where: { $0.id == jurisdiction }) else {
            return fail("--jurisdiction", "no ruleset '\(jurisdiction)' in \(request.contentDisplay)/rules",
                        hint: Suggestions.hint(for: jurisdiction, in: rulesets.map(\.id)) ?? "available: " + rulesets.map(\.id).joined(separator: ", "))
        }
        guard let transfer = TransferKind(rawValue: request.transfer) else {
            let names = TransferKind.allCases.map(\.rawValue)
            return fail("--transfer", "unknown transfer kind '\(request.transfer)'",
                        hint: Suggestions.hint(for: request.transfer, in: names) ?? "use one of: " + names.joined(separator: ", "))
        }
        // A question answered twice the same way is one answer; answered both ways, the command
        // cannot know which was meant, and taking the last would decide on a guess.
        var answers: [String: Bool] = [:]
        for answer in request.answers {
            let parts = answer.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let question = ruleset.questions[parts[0]], ["yes", "no"].contains(parts[1]) else {
                return fail("--answer", "'\(answer)' is not an answer: write QUESTION=yes or QUESTION=no",
                            hint: "questions: " + ruleset.questions.keys.sorted().joined(separator: ", "))
            }
            let yes = parts[1] == "yes"
            if let earlier = answers[question.id], earlier != yes {
                return fail("--answer", "'\(question.id)' is answered both \(earlier ? "yes" : "no") and \(parts[1]) (give each question one answer)")
            }
            answers[question.id] = yes
        }
        let context = LicensingContext(ruleset: ruleset, lists: content.controlLists)
        let classification: Classification
        var codes: [String] = []
        switch request.item {
        case "not-listed", "EAR99": classification = .notListed
        case "unclassified": classification = .unclassified
        default:
            guard context.facts(for: request.item) != nil else {
                let near = Suggestions.nearest(to: request.item, in: context.knownCodes, limit: 3)
                return fail("--item", "unknown control code '\(request.item)' in the lists of ruleset '\(ruleset.id)'"
                            + (near.isEmpty ? "" : " — did you mean \(near.joined(separator: ", "))?"),
                            hint: "or use not-listed or unclassified")
            }
            classification = .listed
            codes = [request.item]
        }
        let destination = request.destination.uppercased()
        let determination = context.determine(classification: classification, codes: codes, destination: destination,
                                              transfer: transfer, answers: answers)
        let output = request.json ? json(determination, request: request, ruleset: ruleset, destination: destination, transfer: transfer)
                                  : text(determination, request: request, destination: destination, transfer: transfer)
        return command.finish(output)
    }

    static func text(_ d: Determination, request: DetermineRequest, destination: String, transfer: TransferKind) -> String {
        var lines = ["\(d.outcome.title): \(request.item) to \(destination) (\(transfer.title))",
                     "  rule:     \(d.ruleID)", "  citation: \(d.citation)", "  why:      \(d.why)"]
        switch d.outcome {
        case .generalAuthorisation(_, let conditions):
            lines += ["  conditions:"] + conditions.map { "    - \($0)" }
        case .indeterminate(let missing):
            lines += ["  missing:"] + missing.map { "    - \($0)" }
        default:
            break
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ d: Determination, request: DetermineRequest, ruleset: Ruleset, destination: String, transfer: TransferKind) -> String {
        var object = d.jsonObject
        object["item"] = request.item
        object["destination"] = destination
        object["transfer"] = transfer.rawValue
        object["ruleset"] = ["id": ruleset.id, "version": ruleset.version]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
