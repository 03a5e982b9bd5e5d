/// The ranks read from the files of one node's folder, when a run's files lie in the folders of
/// several nodes or hosts (``LocalRankBases``): which node a rank in the report ran on.
public struct NodeRanks: Sendable, Codable, Equatable {
    /// The folder's name (`node1`).
    public var node: String
    /// The ranks read from its files, ascending.
    public var ranks: [Int]

    /// Creates the entry of folder `node` with `ranks`.
    public init(node: String, ranks: [Int]) {
        self.node = node
        self.ranks = ranks
    }

    /// The entries of `table` (ranks by folder name), folders in name order (``NaturalOrder``).
    static func list(_ table: [String: Set<Int>]) -> [NodeRanks]? {
        guard !table.isEmpty else { return nil }
        return table.keys.sorted(by: NaturalOrder.precedes).map {
            NodeRanks(node: $0, ranks: (table[$0] ?? []).sorted())
        }
    }
}
