extension RunOverview {
    /// Adds the overview of another part of the same run: spans widen, ranks and devices
    /// join (and the ranks of each node folder), resumes and events follow in order (events
    /// up to `maxEvents`), counts add.
    public mutating func merge(_ other: RunOverview) {
        firstStep = Self.lower(firstStep, other.firstStep)
        lastStep = Self.higher(lastStep, other.lastStep)
        firstTime = Self.lower(firstTime, other.firstTime)
        lastTime = Self.higher(lastTime, other.lastTime)
        timeIsRelative = timeIsRelative || other.timeIsRelative
        ranks = Array(Set(ranks).union(other.ranks)).sorted()
        devices = Array(Set(devices).union(other.devices)).sorted()
        nodes = Self.joined(nodes, other.nodes)
        resumes += other.resumes
        events += other.events.prefix(max(0, Self.maxEvents - events.count))

        duplicates += other.duplicates
        restampedEvaluations += other.restampedEvaluations
        requests += other.requests
        failedRequests += other.failedRequests
        requestsWithoutOutcome = Self.sum(requestsWithoutOutcome, other.requestsWithoutOutcome)
        zeroFilledLatencies += other.zeroFilledLatencies
        evaluations += other.evaluations
        seriesNotSuperseded += other.seriesNotSuperseded
        lateRecords = Self.sum(lateRecords, other.lateRecords)
        lateValuesBehind = Self.sum(lateValuesBehind, other.lateValuesBehind)
        valuesOffAxis = Self.sum(valuesOffAxis, other.valuesOffAxis)
        ranksEndedEarly = Self.union(ranksEndedEarly, other.ranksEndedEarly)
    }

    /// The ranks either part found ended early, in rank order, the first part's on a tie.
    /// Each part judged only its own ranks: a part all of whose ranks stopped before another
    /// part's last step is not found here.
    private static func union(_ left: [RankEnd]?, _ right: [RankEnd]?) -> [RankEnd]? {
        guard let left else { return right }
        let seen = Set(left.map(\.rank))
        let joined = left + (right ?? []).filter { !seen.contains($0.rank) }
        return joined.sorted { $0.rank < $1.rank }
    }

    /// The ranks of each node in either part, nodes in name order; absent when neither has any.
    private static func joined(_ left: [NodeRanks]?, _ right: [NodeRanks]?) -> [NodeRanks]? {
        guard left != nil || right != nil else { return nil }
        return NodeRanks.merged((left ?? []) + (right ?? []))
    }

    /// Counts that are absent when zero, added.
    private static func sum(_ left: Int?, _ right: Int?) -> Int? {
        guard let left else { return right }
        return left + (right ?? 0)
    }

    private static func lower(_ left: Double?, _ right: Double?) -> Double? {
        guard let left else { return right }
        return right.map { Swift.min(left, $0) } ?? left
    }

    private static func higher(_ left: Double?, _ right: Double?) -> Double? {
        guard let left else { return right }
        return right.map { Swift.max(left, $0) } ?? left
    }
}
