import ExportalDomain
import Foundation

/// The files of Public/, each given a content-hash name so browsers can cache them forever.
///
///     Public/style.css  ->  assets/style.1f0c9a3b6d2e4f58.css
struct AssetManifest {
    struct Asset {
        let original: String
        let hashedPath: String
        let data: Data
    }

    let assets: [Asset]

    var originalPaths: [String] { assets.map(\.original) }

    func hashedPath(for original: String) -> String? {
        assets.first { $0.original == original }?.hashedPath
    }

    static func load(from folder: ContentFolder, report: DiagnosticSink) -> AssetManifest {
        guard folder.isDirectory("") else { return AssetManifest(assets: []) }
        var found: [String] = []
        if let enumerator = FileManager.default.enumerator(atPath: folder.url.path) {
            for case let path as String in enumerator {
                let isHidden = path.split(separator: "/").contains { $0.hasPrefix(".") }
                if !isHidden && !folder.isDirectory(path) { found.append(path) }
            }
        }
        let assets = found.sorted().compactMap { path -> Asset? in
            guard let data = FileManager.default.contents(atPath: folder.url(path).path) else {
                report.error(SourceLocation(file: folder.display(path), line: 1, column: 1), "cannot read asset")
                return nil
            }
            return Asset(original: path, hashedPath: "assets/" + hashedName(path, hash: ContentHash.hex(data)), data: data)
        }
        return AssetManifest(assets: assets)
    }

    static func hashedName(_ path: String, hash: String) -> String {
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension
        let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
        return ext.isEmpty ? "\(stem).\(hash)" : "\(stem).\(hash).\(ext)"
    }
}

/// FNV-1a, 64-bit: a stable fingerprint for cache-busting file names (not a security hash;
/// swift-crypto would add ~80 s to every clean build for no gain here).
enum ContentHash {
    static func hex(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Read as one buffer: Data's iterator cost about 54 instructions a byte.
        data.withUnsafeBytes { bytes in
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
