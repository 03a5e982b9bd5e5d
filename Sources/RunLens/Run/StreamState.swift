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
