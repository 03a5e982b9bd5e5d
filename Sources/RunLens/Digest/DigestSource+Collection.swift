import Foundation

extension DigestSource {
    /// Adds the members of collection `folder` (its `entries`), or `folder` as one run when
    /// it only wraps one.
    ///
    /// A report folder among the entries whose summary lists logs inside `folder` (`job/`
    /// holding `logs/` and `runlens-report/`, written by `analyze job -o job/runlens-report`)
    /// is passed over, with a note: the logs are read, and the report would count them
    /// twice. A folder found inside a collection (`nested`) whose one remaining entry is a
    /// folder of logs is the run itself, named after it rather than after the generic folder
    /// inside (`logs`, `metrics`), so that a digest names it the same however the folder
    /// beside it changes.
    static func addCollection(
        _ folder: String, entries: Entries, to resolution: inout Resolution, nested: Bool
    ) throws(DigestError) {
        let members = entries.all.filter { !isExpectation($0) }
        let own = FolderReports.ownReports(among: members, in: folder)
        let rest = members.filter { !own.contains($0) }
        if !own.isEmpty {
            let reports = own.map { join(folder, $0) }.quotedList()
            resolution.grouping.append(
                "'\(folder)' holds report(s) on logs read there, passed over so that no run "
                    + "counts twice: \(reports)")
        }
        if nested, rest.count == 1, !entries.files.contains(rest[0]),
            try wrapsRun(join(folder, rest[0]))
        {
            try addRunFolder(folder, to: &resolution)
            return
        }
        for name in rest {
            try add(join(folder, name), to: &resolution, nested: true)
        }
    }

    /// Whether `folder` is one run's folder of logs with a generic name: neither an output
    /// folder, a failed analysis, a collection nor an MLflow run (named by its run id).
    private static func wrapsRun(_ folder: String) throws(DigestError) -> Bool {
        let entries = try list(folder)
        let files = Set(entries.files)
        guard !files.contains("summary.json"), !files.contains(FailedAnalysis.fileName),
            !files.contains("meta.yaml"), !DigestWriter.isDigest(files)
        else { return false }
        return !isCollection(entries)
    }
}
