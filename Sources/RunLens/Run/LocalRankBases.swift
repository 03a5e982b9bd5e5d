/// The ranks of processes that name only their rank within a node (`local_rank`), in files
/// spread over folders, one folder a node: `host0/train.jsonl`, `host1/train.jsonl`, each
/// with local ranks 0 to 7.
///
/// Read as they are, every node's local rank 0 would be one rank. When the files found lie
/// in more than one folder named for a node or host (``RankLayout``) and their names give
/// no rank, each node's local ranks are numbered after those of the nodes before it: the
/// first node folder read starts at 0, and each node name met later starts after the
/// highest rank read so far. Folders of one name are one node wherever they are, as in
/// ``RankLayout``: `launch2/host0/` goes on with `launch1/host0/`'s ranks.
// TODO(#4): a node whose files name their ranks (`node1/rank0.jsonl`), read after a node of
// local ranks, keeps ranks 0… (or `RankLayout`'s numbering, which counts named ranks only)
// and so shares them with an earlier node; numbering named and local ranks together, node
// after node, would fix it.
struct LocalRankBases {
    /// Whether the files lie in more than one node folder.
    let isSpread: Bool
    /// The first rank of each node folder name met so far.
    private var bases: [String: Int] = [:]
    /// One past the highest rank read from node folders so far.
    private var next = 0

    /// Looks at the files a run will read.
    init(files: [String]) {
        let names = Set(files.compactMap(RankLayout.nodeFolder))
        isSpread = names.count > 1
    }

    /// The number that the local ranks of the records in `path` are counted from, or `nil`
    /// when they are read as they are.
    mutating func base(for path: String) -> Int? {
        guard isSpread, let node = RankLayout.nodeFolder(of: path) else { return nil }
        if let base = bases[node] { return base }
        bases[node] = next
        return next
    }

    /// Notes that the file just read, `path`, held ranks up to `highest`: a node's local
    /// ranks met later start after them, whether this file's ranks were local or named.
    mutating func read(_ path: String, upTo highest: Int) {
        guard RankLayout.nodeFolder(of: path) != nil else { return }
        next = max(next, highest + 1)
    }

    /// The warning for a file whose local ranks `ranks` were read as ranks from `base` on.
    static func warning(ranks: ClosedRange<Int>, base: Int) -> String {
        let local = ranks.lowerBound - base
        let high = ranks.upperBound - base
        let shown = local == high ? "local rank \(local)" : "local ranks \(local)–\(high)"
        let read =
            ranks.count == 1
            ? "rank \(ranks.lowerBound)" : "ranks \(ranks.lowerBound)–\(ranks.upperBound)"
        return "its records name \(shown) and its folder a node: read as \(read) (local ranks "
            + "numbered node after node, one folder a node)"
    }
}
