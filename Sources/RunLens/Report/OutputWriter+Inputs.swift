extension OutputWriter {
    /// An input of `inputs` that is a file this writer would write over (a log named
    /// `summary.json` in the report folder, or `-o` pointing at a log's own folder), as an
    /// error to stop on before anything is written; `nil` when no input is in the way.
    /// Files are compared by device and inode, so any spelling of a path is caught.
    public func overwrittenInput(among inputs: [String]) -> OutputError? {
        for name in Self.fileNames + RunCharts.fileNames.map({ "charts/" + $0 }) {
            let isOutput = InputDiscovery.sameFile(as: path(name))
            guard let input = inputs.first(where: { $0 != "-" && isOutput($0) }) else {
                continue
            }
            return OutputError(
                path: input, reason: "it is an input and would be written over; choose another -o")
        }
        return nil
    }

    /// Why the report is not written into the folder: it holds a digest (`digest.md` with
    /// `digest.csv` or `digest.json`, as `runlens digest` writes, by default into the same
    /// `runlens-report`), which would stay beside the new report with another verdict; or
    /// `nil`.
    public func digestInTheWay() -> OutputError? {
        guard DigestWriter.holdsDigest(directory) else { return nil }
        return OutputError(
            path: directory,
            reason: "it holds a digest (digest.md) that would stay beside the report with "
                + "another verdict; choose another -o")
    }

    /// Whether the folder holds the `junit.xml` a failed analysis wrote (``FailedAnalysis``).
    public func holdsFailure() -> Bool {
        FailedAnalysis.reasons(at: path("junit.xml")) != nil
    }
}
