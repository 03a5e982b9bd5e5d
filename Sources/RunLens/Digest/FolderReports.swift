import Foundation

/// The runlens reports inside a folder that a digest reads as one run's logs, told apart by
/// the inputs each report's `summary.json` lists.
///
/// A walk for logs passes over what runlens wrote, so a report folder inside the run folder
/// would vanish from the digest. A report made from the folder's own logs (`run7/rank0.jsonl`
/// beside `run7/runlens-report/`) is rightly passed over: the logs are read, and reading the
/// report too would count the run twice. A report of other logs (an output folder of another
/// run, its logs elsewhere or gone) is a run of its own.
struct FolderReports {
    /// Report folders that list none of the folder's log files: other runs.
    var others: [String] = []
    /// Report folders that list some of the folder's log files: the folder's own.
    var own: [String] = []

    /// Finds the reports in `folder` and tells them apart.
    init(folder: String) {
        var visited: Set<FileID> = []
        let reports = Self.reportFolders(in: folder, visited: &visited)
        guard !reports.isEmpty else { return }

        let logs = Self.logFiles(of: folder, leaving: reports)
        for report in reports {
            let inputs = Self.recordedInputs(of: report)
            if inputs.contains(where: { logs.contains($0, report: report) }) {
                own.append(report)
            } else {
                others.append(report)
            }
        }
    }

    /// The names among `members` (entries of `folder`) of report folders whose summaries list
    /// logs found elsewhere in `folder`: reports on logs that are read anyway.
    static func ownReports(among members: [String], in folder: String) -> [String] {
        let reports = members.filter { holdsRunLensSummary(DigestSource.join(folder, $0)) }
        guard !reports.isEmpty else { return [] }

        let paths = reports.map { DigestSource.join(folder, $0) }
        let logs = logFiles(of: folder, leaving: paths)
        return zip(reports, paths).filter { _, report in
            recordedInputs(of: report).contains { logs.contains($0, report: report) }
        }.map(\.0)
    }

    /// A file's identity, so that two paths to it are recognised.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// The folders under `folder` (not itself) that hold a runlens `summary.json`, depth
    /// first in natural order of names (``NaturalOrder``); a walk stops at each, and hidden
    /// entries are passed over.
    private static func reportFolders(in folder: String, visited: inout Set<FileID>) -> [String] {
        guard let id = FileID(folder), visited.insert(id).inserted,
            let entries = try? DigestSource.list(folder)
        else { return [] }
        let files = Set(entries.files)
        var found: [String] = []
        for name in entries.all where !files.contains(name) {
            let path = DigestSource.join(folder, name)
            if holdsRunLensSummary(path) {
                found.append(path)
            } else {
                found += reportFolders(in: path, visited: &visited)
            }
        }
        return found
    }

    private static func holdsRunLensSummary(_ folder: String) -> Bool {
        let path = DigestSource.join(folder, "summary.json")
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return SummaryJSON.isRunLensSummary(data)
    }

    /// The inputs `report`'s summary lists, as they were written.
    private static func recordedInputs(of report: String) -> [String] {
        struct Listed: Decodable {
            struct Input: Decodable { var path: String }
            var inputs: [Input]?
        }
        let path = DigestSource.join(report, "summary.json")
        guard let data = FileManager.default.contents(atPath: path),
            let listed = try? JSONDecoder().decode(Listed.self, from: data)
        else { return [] }
        return (listed.inputs ?? []).map(\.path).filter { $0 != "-" }
    }

    /// The files a walk of `folder` reads as logs, those inside `reports` left out.
    private static func logFiles(of folder: String, leaving reports: [String]) -> LogFiles {
        let found = (try? InputDiscovery.discover([folder]).files) ?? []
        let prefixes = reports.map { DigestSource.join($0, "") }
        let files = found.filter { file in !prefixes.contains(where: file.hasPrefix) }
        return LogFiles(paths: files)
    }
}
