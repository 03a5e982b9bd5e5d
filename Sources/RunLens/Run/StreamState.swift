/// What the assembler remembers about one stream of records: one file, one rank.
///
/// It recognises records written twice (by two processes sharing a file), evaluation
/// records stamped with an earlier step, per-epoch iteration counters, and resumes.
struct StreamState {
    /// The highest step of a training record so far.
    var lastTrainStep = -Double.infinity
    /// The highest step of any record since the last resume (evaluations and records with
    /// only a step included): where a rewind went back from.
    var highestStep = -Double.infinity
    /// True once a record with training metrics came; only then are others evaluations.
    var sawTraining = false
    /// Records with metrics so far: the position of records with neither step nor time.
    var records = 0
    /// The time of the last record, when records are timed.
    var lastTime = Double.nan
    /// The latest time of any record so far, when records are timed.
    var latestTime = Double.nan
    /// Steps of recent training records, oldest first, to find a resume's checkpoint.
    var recentSteps = BoundedRing<Double>(capacity: 4096)
    /// Hashes of recent records, to drop exact duplicates.
    let recentHashes = RecentHashes(capacity: 256)
    /// The lowest and highest step of its records with metrics, resumes included.
    var lowestStep = Double.infinity
    var topStep = -Double.infinity
    /// Series this stream has fed, so a resume can supersede their replayed points.
    var series: Set<Int> = []
    /// Series index by field id, for values with no device (the common case).
    var seriesByField: [Int] = []

    /// Epoch bookkeeping for logs whose `iter` restarts each epoch (MMCV).
    var lastEpoch = -Double.infinity
    var lastIter = -Double.infinity
    var iterOffset = 0.0
    var maxIterThisEpoch = 0.0

    /// Remembers that values of `field` without a device go to series `index`.
    mutating func cache(series index: Int, field: Int) {
        if field >= seriesByField.count {
            seriesByField += Array(repeating: -1, count: field + 1 - seriesByField.count)
        }
        seriesByField[field] = index
    }

    /// Notes the time of a record with metrics.
    @inline(__always)
    mutating func note(time: Double) {
        lastTime = time
        if !(time <= latestTime) { latestTime = time }
    }

    /// Notes that the stream reached `step`.
    mutating func reach(_ step: Double) {
        if step > highestStep { highestStep = step }
    }

    /// The global step of a record whose step came from a per-epoch `iter` counter.
    mutating func globalStep(iter: Double, epoch: Double?) -> Double {
        guard let epoch else { return iter }
        if epoch > lastEpoch, iter < lastIter, lastEpoch > -Double.infinity {
            iterOffset += maxIterThisEpoch
            maxIterThisEpoch = 0
        }
        if epoch > lastEpoch { lastEpoch = epoch }
        lastIter = iter
        maxIterThisEpoch = max(maxIterThisEpoch, iter)
        return iterOffset + iter
    }

    /// How many of the latest training steps a step that goes back is compared with, to
    /// tell a record written late from a resume; no more than the points held back.
    static let lateReach = 512

    /// Whether a training record at `step`, below the last training step, was written late
    /// (a log whose writer put records slightly out of order) rather than replayed after a
    /// resume. Below all of the latest `lateReach` training steps it is late only while
    /// fewer have been seen (no point is final yet: the start of a shuffled log), and by no
    /// more than `lateReach` steps. Among them, a record on a clock that does not restart
    /// is late when its time is no later than the latest so far, even at a step seen: a
    /// resume comes after a restart, later on the clock. An untimed one is late when its
    /// step was not seen and fills a hole among them, wider than their closest spacing: a
    /// resume replays steps at the log's spacing, whether or not they were seen.
    func isLate(step: Double, time: Double?, relative: Bool) -> Bool {
        let clocked = time != nil && !relative && latestTime.isFinite
        if clocked, let time, time > latestTime { return false }
        let latest = recentSteps.newest(Self.lateReach)
        guard let lowest = latest.min() else { return false }
        if step < lowest {
            return latest.count < Self.lateReach && lowest - step <= Double(Self.lateReach)
        }
        return clocked || (!latest.contains(step) && Self.fillsHole(step, among: latest))
    }

    /// Whether `step` lies between two of `steps` further apart than the closest two.
    private static func fillsHole(_ step: Double, among steps: [Double]) -> Bool {
        let sorted = steps.sorted()
        guard let above = sorted.firstIndex(where: { $0 > step }), above > 0 else {
            return false
        }
        var spacing = Double.infinity
        for index in sorted.indices.dropFirst() where sorted[index] > sorted[index - 1] {
            spacing = min(spacing, sorted[index] - sorted[index - 1])
        }
        return sorted[above] - sorted[above - 1] > spacing
    }

    /// The highest recent training step below `step`: where a resumed run restarted from.
    func checkpointStep(before step: Double) -> Double? {
        var best: Double?
        for candidate in recentSteps.elements where candidate < step {
            if best == nil || candidate > best ?? candidate { best = candidate }
        }
        return best
    }
}

/// A fixed-capacity ring that forgets its oldest element when full.
struct BoundedRing<Element> {
    private(set) var elements: [Element] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if elements.count < capacity {
            elements.append(element)
        } else {
            elements[next] = element
            next = next + 1 == capacity ? 0 : next + 1
        }
    }

    /// The last `count` elements appended (or all, when fewer), newest first.
    func newest(_ count: Int) -> [Element] {
        let taken = Swift.min(count, elements.count)
        var result: [Element] = []
        result.reserveCapacity(taken)
        var index = elements.count < capacity ? elements.count : next
        for _ in 0..<taken {
            index = index == 0 ? elements.count - 1 : index - 1
            result.append(elements[index])
        }
        return result
    }

    /// Removes the elements that `shouldRemove` picks, keeping the others in order.
    mutating func removeAll(where shouldRemove: (Element) -> Bool) {
        let ordered =
            elements.count < capacity ? elements : Array(elements[next...] + elements[..<next])
        elements = ordered.filter { !shouldRemove($0) }
        next = 0
    }

    mutating func removeAll() {
        elements.removeAll(keepingCapacity: true)
        next = 0
    }

    /// Forgets every element and gives back their room.
    mutating func release() {
        elements = []
        next = 0
    }
}

extension BoundedRing where Element: Equatable {
    func contains(_ element: Element) -> Bool {
        elements.contains(element)
    }
}
