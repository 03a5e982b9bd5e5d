/// Which series the observers have been told of, and which still wait for their axis.
///
/// A series is on steps or on time from its first point. A record with neither step nor
/// time in a stream without steps (a warm-up request before the first timed one, a host
/// line) gives no axis, only its place among the records: a series it makes waits, its
/// observers not yet told of it, until a record with a step or a time gives it one. One
/// that never gets one is settled on steps, the records' count, as before. Series are told
/// of in index order, so a series made after one that waits is held back with it.
///
/// The assembler settles every waiting series before any of their points may become final
/// (see ``RunAssembler``): the observers never see a point of a series they were not told of.
// TODO(#2): the wait ends when a waiting series holds `holdBack` (512) points, so a log with
// more untimed values than that before its first timed one still puts the series on steps
// and leaves its timed values off the axis; moving held points to a time-axis series that is
// announced afresh (or a hold-back that grows while only untimed points are held) would fix it.
struct AxisWait {
    /// Series below this index have been told of.
    private(set) var announced = 0
    /// The series that wait for their axis.
    private var waiting: Set<Int> = []

    /// Whether series `index` waits for its axis.
    func isWaiting(_ index: Int) -> Bool {
        !waiting.isEmpty && waiting.contains(index)
    }

    /// Series `index`, just made, waits for its axis.
    mutating func wait(_ index: Int) {
        waiting.insert(index)
    }

    /// Series `index` has its axis.
    mutating func settle(_ index: Int) {
        waiting.remove(index)
    }

    /// Every series that waits has its axis: the one it was made with (steps).
    mutating func settleAll() {
        waiting.removeAll()
    }

    /// The series, of `count` made, that may be told of now, in order: those from the first
    /// not told of up to the first that waits. They count as told of from here on.
    mutating func ready(count: Int) -> Range<Int> {
        let start = announced
        while announced < count, !isWaiting(announced) { announced += 1 }
        return start..<announced
    }
}
