import Foundation

/// Folders of this checkout, found from this file's place in it.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The public data sets beside the checkout (`../shared/data`), on CI and on the team's machines.
    static let sharedData = root.deletingLastPathComponent().appendingPathComponent("shared/data")
}
