import Glibc

/// Writes a digest's files — `digest.md`, `digest.csv`, `digest.json` — into one folder,
/// and nothing outside it.
public struct DigestWriter {
    /// The folder, created when missing.
    public let directory: String

    /// Prepares to write into `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// Writes the files; returns their paths.
    @discardableResult
    public func write(_ digest: Digest) throws(OutputError) -> [String] {
        let output = OutputWriter(directory: directory)
        try output.makeDirectory(directory)
        let json: String
        do {
            json = try digest.encoded()
        } catch {
            throw OutputError(path: output.path("digest.json"), reason: "\(error)")
        }
        let files = [
            ("digest.md", DigestMarkdown(digest: digest).render()),
            ("digest.csv", DigestCSV.render(digest.runs)),
            ("digest.json", json),
        ]
        for (name, text) in files { try output.writeFile(output.path(name), text) }
        return files.map { output.path($0.0) }
    }

    /// `directory/name`.
    public func path(_ name: String) -> String {
        OutputWriter(directory: directory).path(name)
    }

    /// Why the digest is not written into the folder: an analysis report is there (as
    /// `runlens analyze` writes, by default into the same `runlens-report`), and the next
    /// analysis would replace it and leave the digest beside it; or `nil`.
    public func reportInTheWay() -> OutputError? {
        guard InputDiscovery.isReportFolder(directory) else { return nil }
        return OutputError(
            path: directory,
            reason: "it holds an analysis report (summary.json, report.md), which a later "
                + "analysis replaces while the digest would stay; choose another -o")
    }

    /// The files a digest writes.
    static let fileNames: Set<String> = ["digest.md", "digest.csv", "digest.json"]

    /// Whether the files `names` (of one folder) are a digest's: `digest.md` with `digest.csv`
    /// or `digest.json`.
    static func isDigest(_ names: Set<String>) -> Bool {
        names.contains("digest.md")
            && (names.contains("digest.csv") || names.contains("digest.json"))
    }

    /// Whether `folder` holds a digest (``isDigest(_:)``).
    public static func holdsDigest(_ folder: String) -> Bool {
        let output = OutputWriter(directory: folder)
        return isDigest(fileNames.filter { access(output.path($0), F_OK) == 0 })
    }
}
