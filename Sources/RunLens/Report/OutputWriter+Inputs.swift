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
}
