import Glibc

extension OutputWriter {
    /// The first of `inputs` that is a file this writer would write over (a log named
    /// `summary.json` in the report folder, or `-o` pointing at a log's own folder), as an
    /// error to stop on before anything is written; `nil` when no input is in the way.
    /// Files are compared by device and inode, so any spelling of a path is caught.
    public func overwrittenInput(among inputs: [String]) -> OutputError? {
        let outputs = (Self.fileNames + RunCharts.fileNames.map { "charts/" + $0 }).compactMap {
            Self.identity(of: path($0))
        }
        guard !outputs.isEmpty else { return nil }
        for input in inputs where input != "-" {
            guard let identity = Self.identity(of: input), outputs.contains(identity) else {
                continue
            }
            return OutputError(
                path: input, reason: "it is an input and would be written over; choose another -o")
        }
        return nil
    }

    /// The device and inode of the file at `path`, or `nil` when there is none.
    private static func identity(of path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
