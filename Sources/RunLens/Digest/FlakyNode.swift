/// A host, or a rank or device, that straggled or overheated in more than one run: a flaky
/// node.
///
/// A rank number is a place in one job; another job may put another machine there. So a
/// rank whose logs lay in a folder named for a node or host (`host-gpu11/rank1.jsonl`, see
/// ``NodeRanks``) is followed across runs by that folder's name, whatever rank it was; and
/// ranks of runs that name no such folder are matched by number, said as ranks, never as a
/// node. A rank with a host and one without are never taken for one another.
public struct FlakyNode: Codable, Sendable, Equatable {
    /// The node or host folder the straggling or overheating rank's logs lay in, when known.
    public var host: String?
    /// The rank, for a place without a host, when the incidents named one.
    public var rank: Int?
    /// The device, when the incidents named one.
    public var device: Int?
    /// The ranks the host's incidents named, for a place with a host.
    public var ranks: [Int]?
    /// The detectors that pointed at it (`gpu_overheat`, `straggler`).
    public var detectors: [String]
    /// The runs in which it did, in digest order.
    public var runNames: [String]

    /// Hosts, ranks and devices named by `straggler` or `gpu_overheat` incidents (at
    /// ``DigestRun/hitFloor`` or above) in at least two runs, most runs first, then hosts by
    /// name, then by rank and device.
    public static func find(_ runs: [DigestRun]) -> [FlakyNode] {
        struct Place: Hashable {
            var host: String?
            var rank: Int?
            var device: Int?
        }
        var nodes: [Place: FlakyNode] = [:]
        for run in runs {
            for mark in run.nodes {
                let place = Place(
                    host: mark.host, rank: mark.host == nil ? mark.rank : nil, device: mark.device)
                var node =
                    nodes[place]
                    ?? FlakyNode(
                        host: place.host, rank: place.rank, device: place.device,
                        ranks: place.host == nil ? nil : [], detectors: [], runNames: [])
                node.add(mark, run: run.name)
                nodes[place] = node
            }
        }
        return nodes.values.filter { $0.runNames.count > 1 }.sorted(by: precedes)
    }

    private mutating func add(_ mark: DigestRun.NodeMark, run: String) {
        if !detectors.contains(mark.detector) { detectors = (detectors + [mark.detector]).sorted() }
        if runNames.last != run { runNames.append(run) }
        if let rank = mark.rank, let known = ranks, !known.contains(rank) {
            ranks = (known + [rank]).sorted()
        }
    }

    private static func precedes(_ left: FlakyNode, _ right: FlakyNode) -> Bool {
        if left.runNames.count != right.runNames.count {
            return left.runNames.count > right.runNames.count
        }
        switch (left.host, right.host) {
        case (let one?, let other?) where one != other: return NaturalOrder.precedes(one, other)
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            return (left.rank ?? -1, left.device ?? -1) < (right.rank ?? -1, right.device ?? -1)
        }
    }

    /// `host host-gpu11 (rank 3)`, `host node1 (ranks 2, 3), device 0`, `rank 3`,
    /// `rank 3, device 0`, `device 2`.
    public var label: String {
        var parts: [String] = []
        if let host {
            let known = ranks ?? []
            let list = known.map(String.init).joined(separator: ", ")
            let said = known.isEmpty ? "" : " (rank\(known.count == 1 ? "" : "s") \(list))"
            parts.append("host \(host)\(said)")
        }
        if let rank { parts.append("rank \(rank)") }
        if let device { parts.append("device \(device)") }
        return parts.joined(separator: ", ")
    }
}
