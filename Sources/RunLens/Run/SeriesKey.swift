/// Identifies one series: a metric field on one rank and one device.
public struct SeriesKey: Hashable, Sendable {
    /// The interned field id.
    public var field: Int32
    /// The rank, or `-1` when the log has no ranks.
    public var rank: Int32
    /// The device, or `-1` when the metric is not per device.
    public var device: Int32

    /// Creates a key.
    public init(field: Int32, rank: Int32, device: Int32) {
        self.field = field
        self.rank = rank
        self.device = device
    }
}
