/// The ranks of rank files spread over folders, one folder a node: `node0/rank0.jsonl` …
/// `node1/rank0.jsonl` …, where each node numbers its own ranks from 0.
///
/// Each file's rank comes from its name, or its folder's (``RankFromFileName``). When one rank
/// number is found in the files of more than one folder named for a node or host, those files are
/// different processes that would otherwise be merged as one rank, so the ranks of those
/// folders are numbered folder after folder: the folders in the order of their names
/// (``NaturalOrder``: `node2` before `node10`), each folder's ranks after the highest of
/// those before it. Folders of one name are one node wherever they are: a job launched again
/// writes `launch1/node0/…` and then `launch2/node0/…`, the same processes resumed, not
/// other ones.
public enum RankLayout {
    /// A file whose rank was numbered after the folders before its own.
    public struct Renumbered: Equatable, Sendable {
        /// The rank the file's name gives.
        public var nameRank: Int
        /// The rank it is read as.
        public var rank: Int
        /// Whether `nameRank` comes from the name of the file's folder (`rank0/log.jsonl`),
        /// not the file's own.
        public var byFolder = false

        /// Where `nameRank` comes from, as warnings say it.
        var source: String { byFolder ? "its folder's name" : "its name" }
    }

    /// The files among `paths` read as another rank than their name gives, by path; empty
    /// when no rank number is found in more than one node or host folder.
    public static func renumbered(_ paths: [String]) -> [String: Renumbered] {
        var folders: [String: [(path: String, rank: Int)]] = [:]
        for path in paths {
            guard let folder = nodeFolder(of: path),
                let rank = RankFromFileName.rank(ofFileAt: path)
            else { continue }
            folders[folder, default: []].append((path, rank))
        }
        guard folders.count > 1, sharesARank(folders) else { return [:] }

        var result: [String: Renumbered] = [:]
        var offset = 0
        for name in folders.keys.sorted(by: NaturalOrder.precedes) {
            let files = folders[name] ?? []
            for file in files where offset > 0 {
                result[file.path] = Renumbered(
                    nameRank: file.rank, rank: offset + file.rank,
                    byFolder: RankFromFileName.rank(in: file.path) == nil)
            }
            offset += (files.map(\.rank).max() ?? -1) + 1
        }
        return result
    }

    /// The warning an input numbered after other folders' ranks carries.
    public static func warning(_ renumbered: Renumbered) -> String {
        "\(renumbered.source) says rank \(renumbered.nameRank), as do files in another folder: "
            + "read as "
            + "rank \(renumbered.rank) (ranks numbered folder after folder, one folder a node)"
    }

    /// Whether `folder`'s own name says it holds one node's or host's files (`node0`,
    /// `host-3`); folders of attempts, or of training and evaluation logs, keep the ranks
    /// their files name.
    static func isNodeFolder(_ name: String) -> Bool {
        let name = name.lowercased()
        return name.contains("node") || name.contains("host")
    }

    /// The name of the node whose folder holds `path` (without the folders above it), when
    /// the folder is named for a node or host; for a file whose rank its folder gives
    /// (`node1/rank0/metrics.jsonl`), the name of the folder above that one. A folder named
    /// for a node and a rank at once (`node1-rank0/metrics.jsonl`, `host3_rank2/`) is split:
    /// its node is the name without the rank (`node1`), so it numbers as `node1/rank0/` does.
    static func nodeFolder(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return nil }
        let name = String(parts[parts.count - 2])
        if isNodeFolder(name) { return RankFromFileName.withoutRank(name) ?? name }
        guard parts.count > 2, RankFromFileName.folderRank(of: path) != nil else { return nil }
        let above = String(parts[parts.count - 3])
        return isNodeFolder(above) ? above : nil
    }

    private static func sharesARank(_ folders: [String: [(path: String, rank: Int)]]) -> Bool {
        var seen: [Int: String] = [:]
        for (name, files) in folders {
            for file in files {
                if let other = seen[file.rank], other != name { return true }
                seen[file.rank] = name
            }
        }
        return false
    }
}
