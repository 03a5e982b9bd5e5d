/// What the observers of a run are told, in order: final points, and now and then a new
/// series, a request record or the end of the run between them.
///
/// The assembler collects these calls and hands them over in batches, so that each
/// observer takes a whole batch in one go (one dispatch setup per observer per batch
/// rather than per point) and so that a batch can be delivered on another thread.
struct ObserverBatch {
    /// The final points, in the order they became final; copies of a batch share them.
    var points = CommittedPoints()
    /// The other calls, each placed before the point at its `position`.
    var marks: [ObserverMark] = []

    /// Whether the batch holds nothing to deliver.
    var isEmpty: Bool { points.isEmpty && marks.isEmpty }

    /// Notes `event`, to be delivered after the points collected so far.
    mutating func mark(_ event: ObserverEvent) {
        marks.append(ObserverMark(position: points.count, event: event))
    }

    /// Empties the batch, keeping its buffers for reuse.
    mutating func removeAll() {
        points.removeAll()
        marks.removeAll(keepingCapacity: true)
    }
}

/// A final point of series `series`.
struct CommittedPoint {
    var series: Int
    var point: Point
}

/// A call other than a point, with where it falls among the batch's points.
struct ObserverMark {
    var position: Int
    var event: ObserverEvent
}

/// The calls an observer receives besides points.
enum ObserverEvent {
    case seriesCreated(SeriesDescriptor)
    case request(RequestSample)
    case finish
}
