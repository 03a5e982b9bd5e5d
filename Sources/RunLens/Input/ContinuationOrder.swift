/// Puts files that continue one another in the order they were written.
///
/// One rank's log may come in parts: a job launched again into a new folder
/// (`original/train.jsonl`, then `continued/train.jsonl`), or a log split by logrotate
/// (`train.jsonl.2.gz`, `train.jsonl.1`, `train.jsonl`). Read in name order, a later part can
/// come first, and a resume is then read as a second run beside the first. Files are parts
/// of one log when they have the same name, once compression and rotation suffixes are taken
/// off, and the same folders that name a node or rank (`node0`, `rank3`, a number); other
/// folders (launches, attempts) may differ. The parts of one log are ordered by the time of
/// their first record when every part has one; otherwise by logrotate's convention when
/// their names follow it; else they keep their place. They take the places the parts held
/// among the other files, so files that are not parts of one log, and parts already in
/// order, keep the order they were given in.
enum ContinuationOrder {
    /// `files` with each log's parts in the order they were written. `firstTime` gives the
    /// time of a file's first timed record, or nil when it has none or cannot be read; it is
    /// asked only of files that have other parts.
    static func ordered(_ files: [String], firstTime: (String) -> Double?) -> [String] {
        var groups: [String: [Int]] = [:]
        var keys: [String] = []
        let names = Set(files)
        for (index, path) in files.enumerated() where path != "-" {
            let key = logKey(path, names: names)
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(index)
        }

        var result = files
        for key in keys {
            guard let slots = groups[key], slots.count > 1 else { continue }
            let parts = slots.map { files[$0] }
            for (slot, path) in zip(slots, writtenOrder(parts, names: names, firstTime: firstTime))
            {
                result[slot] = path
            }
        }
        return result
    }

    /// The parts of one log in the order they were written.
    private static func writtenOrder(
        _ parts: [String], names: Set<String>, firstTime: (String) -> Double?
    ) -> [String] {
        let times = parts.map(firstTime)
        let indexed = Array(parts.enumerated())
        if times.allSatisfy({ $0 != nil }) {
            return indexed.sorted { a, b in
                let (x, y) = (times[a.offset] ?? 0, times[b.offset] ?? 0)
                return x != y ? x < y : a.offset < b.offset
            }.map(\.element)
        }
        let order = parts.map { rotated($0, names: names).writtenOrder }
        return indexed.sorted { a, b in
            let (x, y) = (order[a.offset], order[b.offset])
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// What the parts of one log share: the name without compression or rotation suffix,
    /// and the folders that say which node or rank the log is of.
    static func logKey(_ path: String, names: Set<String>) -> String {
        let folders = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        let named = folders.map(String.init).filter(namesProcess)
        return (named + [rotated(path, names: names).base]).joined(separator: "/")
    }

    /// `path`'s file name read as a part of a rotated log; a number suffix counts only when
    /// the live file of that name is among `names`.
    private static func rotated(_ path: String, names: Set<String>) -> RotatedName {
        let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
        let name = String(path.dropFirst(folder.count))
        return RotatedName(name) { base in
            names.contains(folder + base)
                || RotatedName.compressionSuffixes.contains { names.contains(folder + base + $0) }
        }
    }

    /// Whether a folder's name says which process wrote the files in it: a node or host, a
    /// rank or worker, or a number alone.
    private static func namesProcess(_ folder: String) -> Bool {
        RankLayout.isNodeFolder(folder) || RankFromFileName.rank(in: folder) != nil
            || (!folder.isEmpty && folder.utf8.allSatisfy { $0 >= 48 && $0 <= 57 })
    }
}
