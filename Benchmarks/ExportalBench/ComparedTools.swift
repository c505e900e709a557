import ArgumentParser

/// The options of the benchmarks that set Exportal against Hugo on the same generated articles
/// (`build`, `serve`): the two binaries, and the sample content, templates and assets that go
/// into Exportal's site.
struct ComparedTools: ParsableArguments {
    @Option(help: "The exportal binary to measure (a release build).") var exportal = ".build/release/exportal"
    @Option(help: "The hugo binary.") var hugo = "hugo"
    @Option(help: "Sample content folder: its lists, glossary, training, parties and rules go with the articles.")
    var content = "Content"
    @Option(help: "Mustache templates folder.") var templates = "Templates"
    @Option(name: .customLong("public"), help: "Static assets folder.") var publicAssets = "Public"
}
