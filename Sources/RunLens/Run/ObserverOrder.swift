/// A batch's point positions grouped by the observer that wants them, each group in batch
/// order: a stable counting sort over the observers wanting each series. Also, for the
/// observers that take one series at a time, the positions grouped by series.
///
/// One pass counts the points per series (each slot's share follows from the series it
/// wants), one places each position in the group of every slot wanting its series: a few
/// instructions per point and per (point, wanting observer) pair, instead of every
/// observer scanning the whole batch for its series. The series groups take one more
/// placing pass, shared by every observer taking runs. The buffers are kept between batches.
struct ObserverOrder {
    /// The slots wanting each series, flat: series `s` has `wanters[firsts[s]..<firsts[s + 1]]`.
    private var wanters: [Int] = []
    private var firsts: [Int] = [0]
    /// Per slot, where its positions begin in `positions`; one more entry marks the end.
    private var starts: [Int] = [0]
    private var cursors: [Int] = []
    private var positions: [Int] = []
    /// Points per series in the batch being sorted; zero between batches.
    private var perSeries: [Int] = []
    /// Per series, where its positions begin in `bySeries`; one more entry marks the end.
    private var seriesStarts: [Int] = [0]
    private var bySeries: [Int] = []

    /// The series each slot taking positions wants, flat: slot `o` has
    /// `wantedSeries[seriesFirsts[o]..<seriesFirsts[o + 1]]`. Built from the pairs once the
    /// series are known, before a batch placed from the series groups.
    private var wantedSeries: [Int] = []
    private var seriesFirsts: [Int] = []
    /// A bit per position of a batch, all clear between batches.
    private var marks: [UInt64] = []

    /// Which slots take positions; the others get no group.
    private var sorted: [Bool] = []
    /// Whether any slot takes positions.
    private var sortsSlots = false
    /// Whether positions are grouped by series too, for observers taking runs.
    var groupsSeries = false

    /// Brings the groups up to date after a series was created: slot `o` wants series `s`
    /// when `sorted[o]` and `wanted[o][s]`. Only the new series are added, unless the
    /// sorted slots changed (at most twice an observer), which starts over.
    mutating func update(wanted: [[Bool]], sorted: [Bool]) {
        if sorted != self.sorted {
            self.sorted = sorted
            sortsSlots = sorted.contains(true)
            wanters.removeAll(keepingCapacity: true)
            firsts = [0]
            starts = Array(repeating: 0, count: sorted.count + 1)
            cursors = Array(repeating: 0, count: sorted.count)
        }
        let seriesCount = wanted.first?.count ?? 0
        for series in (firsts.count - 1)..<seriesCount {
            for slot in wanted.indices where sorted[slot] && wanted[slot][series] {
                wanters.append(slot)
            }
            firsts.append(wanters.count)
        }
        seriesFirsts = []
    }

    /// Groups the positions of `points` by wanting observer, and by series when asked to.
    mutating func sort(_ points: UnsafeBufferPointer<CommittedPoint>) {
        countSeries(points)
        if groupsSeries { groupBySeries(points) }
        if sortsSlots {
            countPairs()
            let total = starts[starts.count - 1]
            if positions.count < total { positions = Array(repeating: 0, count: total) }
            if groupsSeries {
                placeFromSeriesGroups(count: points.count)
            } else {
                place(points)
            }
        }
        for series in perSeries.indices { perSeries[series] = 0 }
    }

    /// Calls `body` with the positions slot `slot` wants, in batch order, unless there are none.
    func withPositions(of slot: Int, _ body: (UnsafeBufferPointer<Int>) -> Void) {
        guard slot + 1 < starts.count else { return }
        let range = starts[slot]..<starts[slot + 1]
        guard !range.isEmpty else { return }
        positions.withUnsafeBufferPointer { positions in
            body(UnsafeBufferPointer(rebasing: positions[range]))
        }
    }

    /// Calls `body` with the positions of series `series`, in batch order, unless there are
    /// none (or the batch was not grouped by series).
    func withPositions(ofSeries series: Int, _ body: (UnsafeBufferPointer<Int>) -> Void) {
        guard groupsSeries, series + 1 < seriesStarts.count else { return }
        let range = seriesStarts[series]..<seriesStarts[series + 1]
        guard !range.isEmpty else { return }
        bySeries.withUnsafeBufferPointer { bySeries in
            body(UnsafeBufferPointer(rebasing: bySeries[range]))
        }
    }

    /// Calls `body` with the batch's positions grouped by series; valid after ``sort(_:)``
    /// with ``groupsSeries`` set.
    func withSeriesGroups<Result>(_ body: (BatchSeriesGroups) -> Result) -> Result {
        seriesStarts.withUnsafeBufferPointer { starts in
            bySeries.withUnsafeBufferPointer { positions in
                body(BatchSeriesGroups(starts: starts, positions: positions))
            }
        }
    }

    /// Counts the points of each series in `perSeries`.
    private mutating func countSeries(_ points: UnsafeBufferPointer<CommittedPoint>) {
        let seriesCount = firsts.count - 1
        if perSeries.count < seriesCount { perSeries = Array(repeating: 0, count: seriesCount) }
        perSeries.withUnsafeMutableBufferPointer { perSeries in
            for item in points { perSeries[item.series] &+= 1 }
        }
    }

    /// Writes each point's position into the group of its series.
    private mutating func groupBySeries(_ points: UnsafeBufferPointer<CommittedPoint>) {
        let seriesCount = perSeries.count
        if seriesStarts.count != seriesCount + 1 {
            seriesStarts = Array(repeating: 0, count: seriesCount + 1)
        }
        for series in 0..<seriesCount {
            seriesStarts[series + 1] = seriesStarts[series] + perSeries[series]
        }
        if bySeries.count < points.count { bySeries = Array(repeating: 0, count: points.count) }

        var cursors = seriesStarts
        cursors.withUnsafeMutableBufferPointer { cursors in
            bySeries.withUnsafeMutableBufferPointer { bySeries in
                for position in points.indices {
                    let series = points[position].series
                    bySeries[cursors[series]] = position
                    cursors[series] &+= 1
                }
            }
        }
    }

    /// Sets `starts` to where each slot's positions begin: each series' count is added to
    /// the slots wanting it.
    private mutating func countPairs() {
        for slot in starts.indices { starts[slot] = 0 }
        for series in 0..<(firsts.count - 1) where perSeries[series] > 0 {
            for pair in firsts[series]..<firsts[series + 1] {
                starts[wanters[pair] + 1] += perSeries[series]
            }
        }
        for slot in starts.indices.dropFirst() { starts[slot] += starts[slot - 1] }
    }

    /// Writes each point's position into the group of every slot wanting it.
    private mutating func place(_ points: UnsafeBufferPointer<CommittedPoint>) {
        for slot in cursors.indices { cursors[slot] = starts[slot] }
        let wanters = wanters
        let firsts = firsts
        wanters.withUnsafeBufferPointer { wanters in
            firsts.withUnsafeBufferPointer { firsts in
                cursors.withUnsafeMutableBufferPointer { cursors in
                    positions.withUnsafeMutableBufferPointer { positions in
                        for position in points.indices {
                            let series = points[position].series
                            var pair = firsts[series]
                            let end = firsts[series &+ 1]
                            while pair < end {
                                let slot = wanters[pair]
                                positions[cursors[slot]] = position
                                cursors[slot] &+= 1
                                pair &+= 1
                            }
                        }
                    }
                }
            }
        }
    }
}

extension ObserverOrder {
    /// Writes the positions of every slot taking them from the series groups instead of a
    /// pass over the whole batch: the positions of the series it wants are marked in a bitmap
    /// of the batch, read back in batch order. A few instructions per position the slot
    /// wants and per 64 of the batch, rather than per point of the batch.
    private mutating func placeFromSeriesGroups(count: Int) {
        if seriesFirsts.count != starts.count { listWantedSeries() }
        let words = (count + 63) / 64
        if marks.count < words { marks = Array(repeating: 0, count: words) }
        let (wantedSeries, seriesFirsts, seriesStarts) = (wantedSeries, seriesFirsts, seriesStarts)
        let (starts, sorted, bySeries) = (starts, sorted, bySeries)
        marks.withUnsafeMutableBufferPointer { marks in
            positions.withUnsafeMutableBufferPointer { positions in
                for slot in sorted.indices where sorted[slot] && starts[slot] < starts[slot + 1] {
                    for pair in seriesFirsts[slot]..<seriesFirsts[slot + 1] {
                        let series = wantedSeries[pair]
                        for at in seriesStarts[series]..<seriesStarts[series + 1] {
                            let position = bySeries[at]
                            marks[position >> 6] |= 1 << UInt64(position & 63)
                        }
                    }
                    Self.readMarks(marks, words: words, into: positions, from: starts[slot])
                }
            }
        }
    }

    /// Writes the positions marked in the first `words` words of `marks`, ascending, into
    /// `positions` from `start`, clearing the marks.
    private static func readMarks(
        _ marks: UnsafeMutableBufferPointer<UInt64>, words: Int,
        into positions: UnsafeMutableBufferPointer<Int>, from start: Int
    ) {
        var next = start
        for word in 0..<words where marks[word] != 0 {
            var bits = marks[word]
            marks[word] = 0
            while bits != 0 {
                positions[next] = word << 6 | bits.trailingZeroBitCount
                next += 1
                bits &= bits &- 1
            }
        }
    }

    /// Lists the series each slot taking positions wants, from the slots wanting each series.
    private mutating func listWantedSeries() {
        var lists = Array(repeating: [Int](), count: starts.count - 1)
        for series in 0..<(firsts.count - 1) {
            for pair in firsts[series]..<firsts[series + 1] { lists[wanters[pair]].append(series) }
        }
        wantedSeries = lists.flatMap { $0 }
        seriesFirsts = [0]
        for list in lists { seriesFirsts.append(seriesFirsts[seriesFirsts.count - 1] + list.count) }
    }
}

/// A batch's point positions grouped by series, each group in batch order; valid only inside
/// ``ObserverOrder/withSeriesGroups(_:)``.
struct BatchSeriesGroups {
    /// Where the positions of each series begin in `positions`; one more entry marks the end.
    let starts: UnsafeBufferPointer<Int>
    let positions: UnsafeBufferPointer<Int>

    /// The positions of the points of series `series`, in batch order (none for a series
    /// created after the batch was grouped).
    @inline(__always)
    func positions(ofSeries series: Int) -> UnsafeBufferPointer<Int> {
        guard series + 1 < starts.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(rebasing: positions[starts[series]..<starts[series + 1]])
    }
}
