/// The points one record made final, gathered in a fixed buffer and handed to the batch in
/// one append: appending each point to the batch's array checked the array's uniqueness
/// every time.
///
/// The owner moves them out (``move(to:)``) before anything else goes into the batch, so
/// the batch sees the points and the other calls in the order they happened.
final class FinalPoints {
    private static let capacity = 64

    private let buffer: UnsafeMutablePointer<CommittedPoint>
    private var count = 0

    init() {
        buffer = .allocate(capacity: Self.capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Adds `point` of `series`; when the buffer is full, moves the points gathered so far
    /// to `batch` first.
    @inline(__always)
    func add(_ point: Point, series: Int, batch: inout ObserverBatch) {
        if count == Self.capacity { move(to: &batch) }
        (buffer + count).initialize(to: CommittedPoint(series: series, point: point))
        count += 1
    }

    /// Appends the gathered points to `batch`, in order, and forgets them.
    @inline(__always)
    func move(to batch: inout ObserverBatch) {
        guard count > 0 else { return }
        batch.points.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
        count = 0
    }
}
