import Foundation

/// Prints checklist pages to PDF with headless Chromium, a real print engine that honours CSS
/// paged media (page size, running headers, "page X of Y", repeated table headers).
struct ChromiumPrinter {
    let executable: String

    struct PrintError: Error, CustomStringConvertible {
        let description: String
    }

    /// The given path if it is executable, else the first Chromium on PATH.
    static func find(_ explicit: String?) -> String? {
        let fileManager = FileManager.default
        if let explicit { return fileManager.isExecutableFile(atPath: explicit) ? explicit : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
                let candidate = "\(directory)/\(name)"
                if fileManager.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Writes `<id>/checklist.pdf` next to each `<id>/index.html` below `folder`.
    func printAll(in folder: URL, ids: [String]) throws {
        for id in ids.sorted() {
            let page = folder.appendingPathComponent(id).appendingPathComponent("index.html")
            let pdf = folder.appendingPathComponent(id).appendingPathComponent("checklist.pdf")
            try printPage(page, to: pdf)
        }
    }

    func printPage(_ page: URL, to pdf: URL) throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("exportal-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--no-pdf-header-footer",
                             "--print-to-pdf=\(pdf.path)", page.absoluteString]
        // A file rather than a pipe: a chatty Chromium cannot fill a pipe nobody reads while we wait.
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let log = profile.appendingPathComponent("stderr.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        let errors = try FileHandle(forWritingTo: log)
        defer { try? errors.close() }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw PrintError(description: "Chromium did not finish printing \(page.path) within 120 s")
        }
        let message = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            throw PrintError(description: "Chromium could not print \(page.path) (exit \(process.terminationStatus)): "
                             + message.split(separator: "\n").suffix(3).joined(separator: " "))
        }
    }
}
