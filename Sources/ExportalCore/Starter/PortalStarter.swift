import ExportalDomain
import Foundation

/// `exportal init DIR`: a new portal folder that builds with one command, `exportal build` run in
/// it. It holds `StarterFiles` and copies of the templates and assets the tool builds with, so the
/// organisation can restyle its own portal.
///
///     PortalStarter(folder: "my-portal", templates: "Templates", publicAssets: "Public").run()   // [] when written
///
/// Nothing is ever overwritten: a folder that exists must be empty. Everything is written into a
/// hidden sibling first and renamed into place, so an interrupted init leaves no half-written folder
/// under the name asked for, only a `.NAME.exportal-init-*` folder that can be deleted.
public struct PortalStarter {
    public let folder: String
    public let templates: String
    public let publicAssets: String

    public init(folder: String, templates: String = "Templates", publicAssets: String = "Public") {
        self.folder = folder
        self.templates = templates
        self.publicAssets = publicAssets
    }

    /// The errors, at the folder they are about; empty when the portal was written.
    public func run() -> [ExportalDiagnostic] {
        let files = FileManager.default
        var errors: [ExportalDiagnostic] = []
        func refuse(_ path: String, _ message: String, hint: String? = nil) {
            errors.append(Diagnostic(.error, path, line: 1, column: 1, message, hint: hint))
        }
        // A link to an empty folder is followed: the portal replaces the folder it names.
        let target = URL(fileURLWithPath: RealPath.of(URL(fileURLWithPath: folder).standardizedFileURL.path))
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: target.path, isDirectory: &isFolder) {
            if !isFolder.boolValue {
                refuse(folder, "'\(folder)' is a file; init writes a new portal into a new or empty folder")
            } else if !((try? files.contentsOfDirectory(atPath: target.path)) ?? ["?"]).isEmpty {
                refuse(folder, "'\(folder)' is not empty; init writes only into a new or empty folder and never overwrites",
                      hint: "choose a new folder name")
            }
        }
        for (flag, path) in [("--templates", templates), ("--public", publicAssets)] {
            var isDirectory: ObjCBool = false
            if !files.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
                refuse(path, "\(flag) folder '\(path)' not found; init copies the templates and assets the portal builds with",
                      hint: "run init in the Exportal checkout, or pass \(flag) with the folder to copy")
            }
        }
        guard errors.isEmpty else { return errors }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).exportal-init-\(UUID().uuidString.prefix(8))")
        do {
            try files.createDirectory(at: parent, withIntermediateDirectories: true)
            try files.createDirectory(at: staging, withIntermediateDirectories: false)
            for (path, text) in StarterFiles.all {
                let url = staging.appendingPathComponent(path)
                try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try files.copyItem(at: URL(fileURLWithPath: templates), to: staging.appendingPathComponent("Templates"))
            try files.copyItem(at: URL(fileURLWithPath: publicAssets), to: staging.appendingPathComponent("Public"))
            // rename(2) replaces an empty folder and fails on one that something filled meanwhile.
            guard rename(staging.path, target.path) == 0 else {
                let code = errno
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey:
                    code == ENOTEMPTY || code == EEXIST ? "'\(folder)' is no longer empty; nothing was written"
                                                        : "cannot create '\(folder)': \(String(cString: strerror(code)))"])
            }
        } catch {
            try? files.removeItem(at: staging)
            let message = (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String ?? error.localizedDescription
            refuse(folder, message)
        }
        return errors
    }
}
