/// What the run knows about one series when it is created.
public struct SeriesDescriptor: Sendable {
    /// Field, rank and device.
    public var key: SeriesKey
    /// The field's name, kind and role.
    public var info: FieldInfo
    /// Steps or time.
    public var axis: Axis

    /// The name shown in reports.
    public var name: String { info.name }
    /// The rank, or `nil`.
    public var rank: Int? { key.rank >= 0 ? Int(key.rank) : nil }
    /// The device, or `nil`.
    public var device: Int? { key.device >= 0 ? Int(key.device) : nil }
}

/// Receives each series' points once they are final: after resumes have superseded
/// replayed steps and duplicates have been dropped, in the order the stream wrote them.
public protocol SeriesObserver: AnyObject {
    /// A new series exists; its index is the next integer from 0.
    func seriesCreated(_ descriptor: SeriesDescriptor)
    /// A final point of series `index`.
    func observe(series index: Int, point: Point)
    /// No more points will come.
    func finish()
    /// Whether the points of series `index` matter to this observer; asked once, right
    /// after `seriesCreated`. The points of a series it does not want need not be sent.
    func wantsPoints(ofSeries index: Int) -> Bool
}

extension SeriesObserver {
    /// Every series is wanted unless the observer says otherwise.
    public func wantsPoints(ofSeries index: Int) -> Bool { true }
}
