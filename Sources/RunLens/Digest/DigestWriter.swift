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
}
