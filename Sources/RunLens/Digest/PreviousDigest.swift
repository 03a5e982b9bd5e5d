import Foundation

/// Reads the runs of an earlier digest folder for `--previous`: its `digest.json` when
/// present, else its `digest.csv`.
public enum PreviousDigest {
    /// The runs of the digest in `folder`.
    ///
    /// - Throws: ``DigestError/previous(path:reason:)`` when the folder holds neither file or
    ///   the file cannot be read.
    public static func read(_ folder: String) throws(DigestError) -> [DigestRun] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            let reason = LinkTrouble.reason(at: folder) ?? "no such file or directory"
            throw .previous(path: folder, reason: reason)
        }
        guard isDirectory.boolValue else {
            throw .previous(path: folder, reason: "not a folder (give the earlier -o folder)")
        }

        let json = join(folder, "digest.json")
        if let data = FileManager.default.contents(atPath: json) {
            do {
                return try Digest.decode(data).runs
            } catch {
                throw .previous(path: json, reason: "not a runlens digest.json")
            }
        }
        let csv = join(folder, "digest.csv")
        guard let data = FileManager.default.contents(atPath: csv) else {
            throw .previous(path: folder, reason: "it holds no digest.json or digest.csv")
        }
        do {
            return try DigestCSV.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw .previous(path: csv, reason: error.description)
        }
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
