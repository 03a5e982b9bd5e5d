/// The ranks read from the files of one folder named for a node or host (`node1/rank1.jsonl`,
/// `host-gpu11/train.jsonl`): what tells a digest which machine a rank ran on, since a rank
/// number is a place in one job, and another job may put another machine there.
// TODO(#7): a folder named by index (`node1`) rather than by host name is taken for the same
// machine in every run; a host field in the records (`hostname`, read by the record layer)
// would name the machine itself.
public struct NodeRanks: Codable, Sendable, Equatable {
    /// The folder's name, as written (`node1`, `host-gpu11`).
    public var node: String
    /// The ranks its files' records were read as, ascending.
    public var ranks: [Int]

    /// Creates the entry of `node`.
    public init(node: String, ranks: [Int]) {
        self.node = node
        self.ranks = ranks
    }

    /// The node folders that hold some of `files` (``RankLayout/isNodeFolder(_:)``, the
    /// folder right above the file) with the ranks read from them, `ranks` giving those of
    /// each file by index; by name. Folders of one name are one node wherever they are;
    /// folders whose files named no rank are left out.
    static func find(files: [String], ranks: [Int32: Set<Int>]) -> [NodeRanks] {
        var byNode: [String: Set<Int>] = [:]
        for (index, path) in files.enumerated() {
            guard let node = RankLayout.nodeFolder(of: path), let read = ranks[Int32(index)]
            else { continue }
            byNode[node, default: []].formUnion(read)
        }
        return sorted(byNode)
    }

    /// `entries` with those of one name joined.
    static func merged(_ entries: [NodeRanks]) -> [NodeRanks] {
        var byNode: [String: Set<Int>] = [:]
        for entry in entries { byNode[entry.node, default: []].formUnion(entry.ranks) }
        return sorted(byNode)
    }

    /// The node of each rank, for the ranks read from exactly one node folder: a rank found
    /// under two names (records that name the same rank in two nodes' files) has no node.
    static func nodeOfRank(_ entries: [NodeRanks]) -> [Int: String] {
        var nodes: [Int: Set<String>] = [:]
        for entry in entries {
            for rank in entry.ranks { nodes[rank, default: []].insert(entry.node) }
        }
        return nodes.compactMapValues { $0.count == 1 ? $0.first : nil }
    }

    private static func sorted(_ byNode: [String: Set<Int>]) -> [NodeRanks] {
        byNode.keys.sorted(by: NaturalOrder.precedes).map { node in
            NodeRanks(node: node, ranks: (byNode[node] ?? []).sorted())
        }
    }
}
