/// The global steps of a log whose `iter` restarts each epoch (MMCV): each epoch starts where
/// the one before it ended, at the highest `iter` logged in it.
///
/// An epoch that goes back (a later launch resumed from an earlier epoch's checkpoint) starts
/// again where it first started, so its replayed steps land on the steps they replace and the
/// epochs after it follow on from the replay.
struct EpochSteps {
    /// The latest epochs seen, rising, with the global step each one started at: at most
    /// ``remembered``, since an epoch that is a fraction may change with every record.
    private var starts: [(epoch: Double, offset: Double)] = []
    private var lastIter = -Double.infinity
    private var maxIterThisEpoch = 0.0

    /// The first epoch seen, or nil before any.
    var firstEpoch: Double? { starts.first?.epoch }
    /// The latest epoch, or nil before any.
    var lastEpoch: Double? { starts.last?.epoch }

    /// The global step of `iter` in `epoch`.
    mutating func globalStep(iter: Double, epoch: Double) -> Double {
        guard let last = starts.last else {
            begin(epoch, at: 0, iter: iter)
            return iter
        }
        if epoch < last.epoch, let index = index(of: epoch) {
            let offset = starts[index].offset
            starts.removeSubrange(index...)
            begin(epoch, at: offset, iter: iter)
            return offset + iter
        }
        if epoch > last.epoch, iter < lastIter {
            begin(epoch, at: last.offset + maxIterThisEpoch, iter: iter)
        } else {
            // The same epoch, or a later one whose `iter` runs on: the offset stays.
            if epoch > last.epoch { remember(epoch, at: last.offset) }
            maxIterThisEpoch = max(maxIterThisEpoch, iter)
        }
        lastIter = iter
        return starts[starts.count - 1].offset + iter
    }

    /// Whether a later file whose first record is in `epoch` goes on from this log: an epoch
    /// in its later half (a resume from a checkpoint) or the next one (the log went on).
    /// Another run's file starts near where this one started instead.
    func isContinued(by epoch: Double) -> Bool {
        guard let first = firstEpoch, let last = lastEpoch else { return false }
        return first + (last - first) / 2 < epoch && epoch <= last + 1
    }

    /// How many epochs' starts are kept: an epoch older than them that comes back is read
    /// as the latest one is.
    static let remembered = 4096

    private mutating func begin(_ epoch: Double, at offset: Double, iter: Double) {
        remember(epoch, at: offset)
        lastIter = iter
        maxIterThisEpoch = max(0, iter)
    }

    private mutating func remember(_ epoch: Double, at offset: Double) {
        if starts.count == Self.remembered { starts.removeFirst(Self.remembered / 2) }
        starts.append((epoch, offset))
    }

    /// The index of `epoch` among the starts, found by bisection: they rise.
    private func index(of epoch: Double) -> Int? {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle].epoch < epoch { low = middle + 1 } else { high = middle }
        }
        return low < starts.count && starts[low].epoch == epoch ? low : nil
    }
}
