/// The ranks of processes in files spread over folders, one folder a node, when some of those
/// files give no rank in their names: `host0/train.jsonl`, `host1/train.jsonl`, whose records
/// name local ranks 0 to 7, maybe beside `host2/rank0.jsonl` … `host2/rank7.jsonl`.
///
/// Read as they are, every node's local rank 0 would be one rank, and so would a node's
/// `rank0.jsonl`. When the files found lie in more than one folder named for a node or host
/// (``RankLayout``), the ranks are numbered node after node as the files are read: the first
/// node folder read starts at 0, and each node name met later starts after the highest rank
/// read so far. A file whose name gives no rank reads its records' local ranks from its node's
/// start. The ranks that files name are numbered by ``RankLayout`` before reading, which counts
/// named ranks only; so a node met after ranks were read from files that name none has its
/// named ranks numbered here instead: from its node's start if they would otherwise meet ranks
/// read before (`node1/rank0.jsonl` after a node of local ranks 0 and 1 is rank 2), and as
/// they are if they go on from them (`node1/rank2.jsonl`). Folders of one name are one node
/// wherever they are, as in ``RankLayout``: `launch2/host0/` goes on with `launch1/host0/`'s
/// ranks.
struct LocalRankBases {
    /// Whether the files lie in more than one node folder.
    let isSpread: Bool
    /// Whether the ranks that files name may be numbered here too: the files lie in more
    /// than one node folder, and some of those files name their rank while others do not.
    let numbersNamedRanks: Bool
    /// The lowest rank the files of each node folder name, by folder name.
    private let lowestNamed: [String: Int]
    /// The first rank of each node folder name met so far.
    private var bases: [String: Int] = [:]
    /// The node folders met after ranks were read from files that name none: their named
    /// ranks are numbered here, not by ``RankLayout``.
    private var numberedHere: Set<String> = []
    /// The node folders whose named ranks are read from their first rank.
    private var shifted: Set<String> = []
    /// One past the highest rank read from node folders so far.
    private var next = 0
    /// Whether ranks were read from a file of a node folder whose name gives none.
    private var readUnnamed = false

    /// Looks at the files a run will read.
    init(files: [String]) {
        var nodes: Set<String> = []
        var lowest: [String: Int] = [:]
        var unnamed = false
        for path in files {
            guard let node = RankLayout.nodeFolder(of: path) else { continue }
            nodes.insert(node)
            guard let rank = RankFromFileName.rank(ofFileAt: path) else {
                unnamed = true
                continue
            }
            lowest[node] = min(lowest[node] ?? rank, rank)
        }
        isSpread = nodes.count > 1
        numbersNamedRanks = isSpread && unnamed && !lowest.isEmpty
        lowestNamed = numbersNamedRanks ? lowest : [:]
    }

    /// The number that the local ranks of the records in `path` are counted from, or `nil`
    /// when they are read as they are. The first file read of a node fixes the node's start.
    mutating func base(for path: String) -> Int? {
        guard isSpread, let node = RankLayout.nodeFolder(of: path) else { return nil }
        if let base = bases[node] { return base }
        bases[node] = next
        if readUnnamed, let lowest = lowestNamed[node] {
            numberedHere.insert(node)
            if lowest < next { shifted.insert(node) }
        }
        return next
    }

    /// Whether the rank the name of `path` gives is numbered here rather than by
    /// ``RankLayout`` (``renumbered(_:)``, which fixes it, is asked first).
    func numbersRank(of path: String) -> Bool {
        RankLayout.nodeFolder(of: path).map(numberedHere.contains) ?? false
    }

    /// The rank that `path`, a file whose name gives a rank, is read as when that is another
    /// rank than its name gives; call before its records are read, as it may fix its node's
    /// start (``base(for:)``).
    mutating func renumbered(_ path: String) -> RankLayout.Renumbered? {
        guard numbersNamedRanks, let rank = RankFromFileName.rank(ofFileAt: path),
            let base = base(for: path), let node = RankLayout.nodeFolder(of: path),
            shifted.contains(node)
        else { return nil }
        return RankLayout.Renumbered(
            nameRank: rank, rank: base + rank, byFolder: RankFromFileName.rank(in: path) == nil)
    }

    /// Notes that the file just read, `path`, held ranks up to `highest`: a node's ranks met
    /// later start after them, whether this file's ranks were local or named.
    mutating func read(_ path: String, upTo highest: Int) {
        guard RankLayout.nodeFolder(of: path) != nil else { return }
        next = max(next, highest + 1)
        if RankFromFileName.rank(ofFileAt: path) == nil { readUnnamed = true }
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

    /// The warning for a file whose records name no rank, read as its node's first rank.
    static func warning(nodeRank rank: Int) -> String {
        "its records name no rank and its folder a node: read as rank \(rank) (one rank a node "
            + "for records that name none, numbered node after node, one folder a node)"
    }

    /// The warning for a file whose name gives a rank that is read as a rank after those of
    /// the nodes before (``renumbered(_:)``).
    static func warning(_ renumbered: RankLayout.Renumbered) -> String {
        "\(renumbered.source) says rank \(renumbered.nameRank) and "
            + (renumbered.byFolder ? "the folder above it" : "its folder")
            + " a node: read as rank "
            + "\(renumbered.rank) (named and local ranks numbered node after node, one folder "
            + "a node)"
    }
}
