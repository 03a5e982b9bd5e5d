extension IncidentBuilder {
    /// The distinct alerts among `alerts`: one per detector, metric, rank and device, except
    /// that alerts differing only in rank whose incidents overlap are one alert: the same
    /// fault seen on several ranks at once.
    static func distinctAlerts(_ alerts: [Incident]) -> [AlertKey] {
        let keys = Array(Set(alerts.map(key))).sorted { describeKey($0) < describeKey($1) }
        let index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        var groups = RankGroups(count: keys.count)
        for (position, first) in alerts.enumerated() {
            for second in alerts[(position + 1)...]
            where sameFaultOnOtherRank(first, second) {
                groups.join(index[key(first)] ?? 0, index[key(second)] ?? 0)
            }
        }
        return keys.indices.filter { groups.root($0) == $0 }.map { keys[$0] }
    }

    /// True when the two incidents are one detector's finding on one metric and device, on
    /// different ranks, overlapping on the same axis.
    private static func sameFaultOnOtherRank(_ first: Incident, _ second: Incident) -> Bool {
        guard first.rank != nil, second.rank != nil, first.rank != second.rank,
            first.detector == second.detector, first.metric == second.metric,
            first.device == second.device, sameAxis(first, second)
        else { return false }
        return start(first) <= end(second) && start(second) <= end(first)
    }

    private static func describeKey(_ key: AlertKey) -> String {
        "\(key.detector)|\(key.metric ?? "")|\(key.rank ?? -1)|\(key.device ?? -1)"
    }
}

/// Union–find over alert keys, joined when they are one fault on several ranks.
private struct RankGroups {
    private var parent: [Int]

    init(count: Int) {
        parent = Array(0..<count)
    }

    mutating func root(_ node: Int) -> Int {
        var node = node
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    mutating func join(_ first: Int, _ second: Int) {
        let one = root(first)
        let other = root(second)
        if one != other { parent[max(one, other)] = min(one, other) }
    }
}
