/// One incident kind across a digest's runs: how many runs it hit and how often.
public struct KindTally: Codable, Sendable, Equatable {
    /// The detector id.
    public var detector: String
    /// Runs with at least one incident of this kind.
    public var runs: Int
    /// Incidents of this kind over all runs.
    public var incidents: Int
    /// The worst severity it reached.
    public var worst: Severity
    /// The runs it hit, in digest order.
    public var runNames: [String]

    /// The kinds in `runs`, ranked by runs hit, then incidents, then worst severity, then id.
    public static func rank(_ runs: [DigestRun]) -> [KindTally] {
        var tallies: [String: KindTally] = [:]
        for run in runs {
            for (detector, count) in run.kinds {
                let worst = run.worstByKind[detector] ?? .info
                var tally =
                    tallies[detector]
                    ?? KindTally(
                        detector: detector, runs: 0, incidents: 0, worst: worst, runNames: [])
                tally.runs += 1
                tally.incidents += count
                tally.worst = max(tally.worst, worst)
                tally.runNames.append(run.name)
                tallies[detector] = tally
            }
        }
        return tallies.values.sorted { left, right in
            if left.runs != right.runs { return left.runs > right.runs }
            if left.incidents != right.incidents { return left.incidents > right.incidents }
            if left.worst != right.worst { return left.worst > right.worst }
            return left.detector < right.detector
        }
    }
}

/// A rank or device that straggled or overheated in more than one run: a flaky node.
public struct FlakyNode: Codable, Sendable, Equatable {
    /// The rank, when the incidents named one.
    public var rank: Int?
    /// The device, when the incidents named one.
    public var device: Int?
    /// The detectors that pointed at it (`gpu_overheat`, `straggler`).
    public var detectors: [String]
    /// The runs in which it did, in digest order.
    public var runNames: [String]

    /// Ranks and devices named by `straggler` or `gpu_overheat` incidents in at least two
    /// runs, most runs first, then by rank and device.
    // TODO(#7): nodes are matched by rank and device only, because no summary names a host
    // (the record layer reads no host field); a per-rank host in the summary would let a
    // node be followed across runs that place ranks differently.
    public static func find(_ runs: [DigestRun]) -> [FlakyNode] {
        struct Place: Hashable {
            var rank: Int?
            var device: Int?
        }
        var nodes: [Place: FlakyNode] = [:]
        for run in runs {
            for mark in run.nodes {
                let place = Place(rank: mark.rank, device: mark.device)
                var node =
                    nodes[place]
                    ?? FlakyNode(rank: mark.rank, device: mark.device, detectors: [], runNames: [])
                if !node.detectors.contains(mark.detector) {
                    node.detectors = (node.detectors + [mark.detector]).sorted()
                }
                if node.runNames.last != run.name { node.runNames.append(run.name) }
                nodes[place] = node
            }
        }
        return nodes.values.filter { $0.runNames.count > 1 }.sorted { left, right in
            if left.runNames.count != right.runNames.count {
                return left.runNames.count > right.runNames.count
            }
            return (left.rank ?? -1, left.device ?? -1) < (right.rank ?? -1, right.device ?? -1)
        }
    }

    /// `rank 3`, `rank 3, device 0`, `device 2`.
    public var label: String {
        var parts: [String] = []
        if let rank { parts.append("rank \(rank)") }
        if let device { parts.append("device \(device)") }
        return parts.joined(separator: ", ")
    }
}
