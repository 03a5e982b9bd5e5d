extension DigestSource {
    /// Adds run folder `folder`: one run of its logs, and each report of another run inside
    /// it as a run of its own, with a note saying how the folder was split; the paths in
    /// `left` (a digest written there) are no part of it.
    static func addRunFolder(
        _ folder: String, to resolution: inout Resolution, leaving left: Set<String> = []
    ) throws(DigestError) {
        let reports = FolderReports(folder: folder)
        guard !reports.others.isEmpty else {
            let inputs = left.isEmpty ? [] : try inputs(of: folder, leaving: left)
            resolution.sources.append(
                left.isEmpty ? .logs(folder) : .logsBeside(folder: folder, inputs: inputs))
            return
        }

        let rest = try inputs(of: folder, leaving: left.union(reports.others))
        if !rest.isEmpty {
            resolution.sources.append(.logsBeside(folder: folder, inputs: rest))
        }
        resolution.sources += reports.others.map(DigestSource.outputFolder)
        resolution.grouping.append(note(folder, reports: reports, rest: rest))
    }

    /// The files and folders of `folder`, hidden ones and synth expectations left out, with
    /// the folders in `left` left out and those holding one of them opened up.
    private static func inputs(
        of folder: String, leaving left: Set<String>
    ) throws(DigestError) -> [String] {
        var inputs: [String] = []
        for name in try list(folder).all where !isExpectation(name) {
            let path = join(folder, name)
            guard !left.contains(path) else { continue }
            let prefix = join(path, "")
            if left.contains(where: { $0.hasPrefix(prefix) }) {
                inputs += try self.inputs(of: path, leaving: left)
            } else {
                inputs.append(path)
            }
        }
        return inputs
    }

    private static func note(_ folder: String, reports: FolderReports, rest: [String]) -> String {
        let count = reports.others.count
        var text =
            "'\(folder)' holds \(count) runlens report(s) of other runs, each digested as a run "
            + "of its own: \(reports.others.quotedList())"
        if !rest.isEmpty {
            text += "; the rest of '\(folder)' was digested as one run: \(rest.quotedList())"
        }
        if !reports.own.isEmpty {
            text +=
                "; \(reports.own.quotedList()) report(s) on logs read there, passed over so "
                + "that no run counts twice"
        }
        return text
    }
}
