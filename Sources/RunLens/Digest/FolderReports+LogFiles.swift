import Foundation

extension FolderReports {
    /// A folder's log files, to match the input paths a report recorded against.
    struct LogFiles {
        private var ids: Set<FileID> = []
        /// Each file's real path's last two components (its folder and its name).
        private var tails: Set<[String]> = []

        init(paths: [String]) {
            for path in paths {
                if let id = FileID(path) { ids.insert(id) }
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardized
                tails.insert(Array(real.pathComponents.suffix(2)))
            }
        }

        /// Whether `recorded`, an input path `report` lists, is one of the files.
        ///
        /// The path is tried as written (from the current folder, or absolute) and from each
        /// folder above the report, as `analyze` may have run in any of them. When the files
        /// were moved since, a path whose folder and file name match one of them still
        /// counts.
        func contains(_ recorded: String, report: String) -> Bool {
            for candidate in Self.candidates(recorded, report: report) {
                if let id = FileID(candidate), ids.contains(id) { return true }
            }
            let components = recorded.split(separator: "/").map(String.init).filter {
                $0 != "."
            }
            return components.count >= 2 && !components.contains("..")
                && tails.contains(Array(components.suffix(2)))
        }

        private static func candidates(_ recorded: String, report: String) -> [String] {
            guard !recorded.hasPrefix("/") else { return [recorded] }
            var folder = URL(fileURLWithPath: report).resolvingSymlinksInPath().standardized
            var candidates = [recorded]
            while folder.path != "/" {
                folder.deleteLastPathComponent()
                candidates.append(folder.appendingPathComponent(recorded).path)
            }
            return candidates
        }
    }
}
