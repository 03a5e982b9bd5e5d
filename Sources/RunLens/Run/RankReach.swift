/// How far each rank's records reached, and how often each moved on: what tells a rank
/// that stopped logging early from one that merely wrote its last lines a little before the
/// others.
///
/// A rank ended early when the run's last step is more than `intervals` logging intervals
/// past the rank's last step. A rank's logging interval is its step span over the times its
/// step moved forward; the run's is the median of its ranks'. Without steps on every rank,
/// times are judged the same way. Ranks at or past ``mostRanks`` are not followed.
///
/// Every record passes through ``note(rank:step:time:)`` on the reading thread, so the spans
/// live in a buffer of its own, grown by hand: no copy-on-write check or bounds check a record.
final class RankReach {
    /// One rank's first and last position on one axis, and how often it moved forward.
    struct Span {
        var first = Double.infinity
        var last = -Double.infinity
        var moves = 0

        var isEmpty: Bool { first > last }

        /// The mean distance between positions, when the span moved at least once.
        var interval: Double? { moves > 0 ? (last - first) / Double(moves) : nil }

        @inline(__always)
        mutating func note(_ position: Double) {
            if position > last {
                if !isEmpty { moves += 1 }
                last = position
            }
            first = min(first, position)
        }
    }

    /// Ranks from 0 below this are followed.
    static let mostRanks = 1 << 16

    /// The step span and the time span of each rank followed so far, two a rank.
    private var spans = UnsafeMutablePointer<Span>.allocate(capacity: 0)
    /// The ranks `spans` holds.
    private var count = 0

    deinit {
        spans.deinitialize(count: 2 * count)
        spans.deallocate()
    }

    /// Takes one record of `rank` at `step` and `time`.
    @inline(__always)
    func note(rank: Int, step: Double?, time: Double?) {
        guard rank >= 0, rank < Self.mostRanks else { return }
        if rank >= count { grow(to: rank + 1) }
        if let step, step.isFinite { spans[2 * rank].note(step) }
        if let time, time.isFinite { spans[2 * rank + 1].note(time) }
    }

    /// The step spans, by rank.
    private var steps: [Span] { (0..<count).map { spans[2 * $0] } }
    /// The time spans, by rank.
    private var times: [Span] { (0..<count).map { spans[2 * $0 + 1] } }

    /// Makes room for `ranks` ranks, the new ones empty.
    @inline(never)
    private func grow(to ranks: Int) {
        let larger = UnsafeMutablePointer<Span>.allocate(capacity: 2 * ranks)
        larger.moveInitialize(from: spans, count: 2 * count)
        (larger + 2 * count).initialize(repeating: Span(), count: 2 * (ranks - count))
        spans.deallocate()
        spans = larger
        count = ranks
    }

    /// The ranks whose last step (or, without steps on every rank, last time) lies more
    /// than `intervals` logging intervals before the run's last; empty for fewer than two
    /// ranks.
    func endedEarly(intervals: Double) -> [RankEnd] {
        let steps = self.steps
        let times = self.times
        let ranks = steps.indices.filter { !steps[$0].isEmpty || !times[$0].isEmpty }
        guard ranks.count >= 2 else { return [] }
        let stepped = ranks.allSatisfy { !steps[$0].isEmpty }
        let axis = stepped ? steps : times
        guard ranks.allSatisfy({ !axis[$0].isEmpty }),
            let interval = Self.median(ranks.compactMap { axis[$0].interval }), interval > 0
        else { return [] }

        let runLast = ranks.map { axis[$0].last }.max() ?? 0
        return ranks.filter { runLast - axis[$0].last > intervals * interval }.map { rank in
            RankEnd(
                rank: rank, lastStep: steps[rank].isEmpty ? nil : steps[rank].last,
                lastTime: times[rank].isEmpty ? nil : times[rank].last)
        }
    }

    /// The median of `values`, `nil` when there is none.
    private static func median(_ values: [Double]) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
