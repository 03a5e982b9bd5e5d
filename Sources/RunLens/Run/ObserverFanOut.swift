/// The observers of one run, and the delivery of an ``ObserverBatch`` to them.
///
/// Observers keep no state in common, so a batch goes to one observer after the other:
/// each sees the same sequence of calls it would see point by point, and the loop over a
/// batch's points runs with the observer held once instead of once per point. An observer
/// is sent only the points of the series it wants (``SeriesObserver/wantsPoints(ofSeries:)``).
/// An observer keeping its state per series (``SeriesRunObserver``) and wanting only some
/// series is sent a batch one series at a time.
final class ObserverFanOut {
    private(set) var observers: [SeriesObserver] = []
    /// The observers that take a batch in one call, by slot (`nil` for the others).
    private var batchObservers: [BatchObserver?] = []
    /// The observers that may take a batch one series at a time, by slot (`nil` for the others).
    private var runObservers: [SeriesRunObserver?] = []
    /// Per observer: whether it takes a batch one series at a time now.
    private var takesRuns: [Bool] = []
    /// Per observer: the series it wants, in the order they were created.
    private var wantedSeries: [[Int]] = []
    private(set) var requestObservers: [RequestObserver] = []
    /// Per observer, by series: whether it wants the series' points.
    private var wanted: [[Bool]] = []
    /// Per observer: whether it wants the points of any series so far. Several observers
    /// want none in a given log (the serving ones in a training log), and skip every batch.
    private var wantsAny: [Bool] = []
    /// Per observer: whether it wants every series so far (the statistics), and so takes
    /// whole batches rather than the positions sorted out for it.
    private var wantsAll: [Bool] = []
    /// Per observer: whether it takes whole batches grouped by series now (the statistics,
    /// while the batches are grouped for observers taking runs).
    private var takesGroups: [Bool] = []
    /// Whether any observer takes sorted positions.
    private var sorting = false
    /// The batch's positions by observer, for those wanting some series but not all.
    private var order = ObserverOrder()

    /// Adds an observer of final points.
    func add(_ observer: SeriesObserver) {
        observers.append(observer)
        batchObservers.append(observer as? BatchObserver)
        runObservers.append(observer as? SeriesRunObserver)
        takesRuns.append(false)
        wanted.append([])
        wantedSeries.append([])
        wantsAny.append(false)
        wantsAll.append(true)
        takesGroups.append(false)
    }

    /// Adds an observer of request records.
    func add(requests observer: RequestObserver) {
        requestObservers.append(observer)
    }

    /// Delivers every call in `batch`, in order.
    func deliver(_ batch: ObserverBatch) {
        batch.points.withUnsafeBufferPointer { points in
            var start = 0
            for mark in batch.marks {
                deliver(UnsafeBufferPointer(rebasing: points[start..<mark.position]))
                start = mark.position
                deliver(mark.event)
            }
            deliver(UnsafeBufferPointer(rebasing: points[start...]))
        }
    }

    private func deliver(_ points: UnsafeBufferPointer<CommittedPoint>) {
        guard !points.isEmpty else { return }

        if sorting { order.sort(points) }
        // Read through a copy taken once a batch: each read of the stored property would copy
        // it, retaining and releasing its eight buffers, once per observer and series.
        let order = order
        for slot in observers.indices where wantsAny[slot] {
            if wantsAll[slot] {
                deliver(all: points, to: slot, order: order)
            } else if takesRuns[slot], let observer = runObservers[slot] {
                deliver(points, bySeriesTo: observer, wanting: wantedSeries[slot], order: order)
            } else {
                order.withPositions(of: slot) { deliver(points, at: $0, to: slot) }
            }
        }
    }

    private func deliver(
        all points: UnsafeBufferPointer<CommittedPoint>, to slot: Int, order: ObserverOrder
    ) {
        if takesGroups[slot], let batch = batchObservers[slot] {
            return order.withSeriesGroups { batch.observe(points, groupedBy: $0) }
        }
        if let batch = batchObservers[slot] { return batch.observe(points) }

        let observer = observers[slot]
        for item in points { observer.observe(series: item.series, point: item.point) }
    }

    private func deliver(
        _ points: UnsafeBufferPointer<CommittedPoint>, bySeriesTo observer: SeriesRunObserver,
        wanting series: [Int], order: ObserverOrder
    ) {
        guard order.withSeriesGroups({ observer.takesRuns(of: points, groupedBy: $0) }) else {
            return observer.observe(points)
        }
        for index in series {
            order.withPositions(ofSeries: index) { positions in
                observer.observe(
                    series: index, run: SeriesRun(points: points, positions: positions))
            }
        }
    }

    private func deliver(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        to slot: Int
    ) {
        if let batch = batchObservers[slot] { return batch.observe(points, at: positions) }

        let observer = observers[slot]
        for position in positions {
            observer.observe(series: points[position].series, point: points[position].point)
        }
    }

    private func deliver(_ event: ObserverEvent) {
        switch event {
        case .seriesCreated(let descriptor):
            for slot in observers.indices {
                observers[slot].seriesCreated(descriptor)
                let index = wanted[slot].count
                let wants = observers[slot].wantsPoints(ofSeries: index)
                wanted[slot].append(wants)
                if wants { wantsAny[slot] = true } else { wantsAll[slot] = false }
                if wants { wantedSeries[slot].append(index) }
            }
            updateOrder()
        case .request(let sample):
            for observer in requestObservers { observer.observeRequest(sample) }
        case .finish:
            for observer in observers { observer.finish() }
        }
    }

    /// Tells the order which slots take positions in batch order and whether any takes
    /// runs of series. When some do, the order groups the batch by series anyway, and the
    /// observers of every series that would rather take that grouping get it.
    private func updateOrder() {
        takesRuns = runObservers.map { $0?.takesRuns ?? false }
        let some = observers.indices.map { wantsAny[$0] && !wantsAll[$0] }
        let sorted = observers.indices.map { some[$0] && !takesRuns[$0] }
        let grouping = observers.indices.contains { some[$0] && takesRuns[$0] }
        takesGroups = observers.indices.map {
            grouping && wantsAll[$0] && batchObservers[$0]?.takesSeriesGroups ?? false
        }
        order.groupsSeries = grouping
        sorting = some.contains(true)
        order.update(wanted: wanted, sorted: sorted)
    }
}
