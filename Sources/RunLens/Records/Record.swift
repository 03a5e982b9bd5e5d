/// One metric value of a record: which field, which array position, what value.
public struct MetricValue: Sendable {
    /// The interned field id (see `FieldTable`).
    public var field: Int32
    /// The position in an array of numbers, or `-1` for a scalar.
    public var index: Int32
    /// The value as logged, `NaN` and `±Infinity` included.
    public var value: Double
}

/// Everything one record said, in a reusable buffer that the reader fills field by field.
public struct Record: Sendable {
    /// The metric values in field order.
    public var values = MetricValues()
    /// The step, from the highest-priority step field present.
    public var step: Double?
    /// True when the step came from an `iter` field, which some tools restart each epoch.
    public var stepIsIter = false
    /// The epoch, when logged.
    public var epoch: Double?
    /// Wall-clock epoch seconds, or seconds from the log's own origin when `timeIsRelative`.
    public var time: Double?
    /// True when `time` is an offset from an unknown origin rather than an epoch.
    public var timeIsRelative = false
    /// The rank, when the record names one.
    public var rank: Int?
    /// The device, when the record names one (`gpu`, `device` fields).
    public var device: Int?
    /// True when the record says it is an evaluation (`mode: "val"`).
    public var isEvalMode = false
    /// The event text of a record that is an event (`event`, `message`, `level`).
    public var event: String?
    /// The request outcome, when the record carries one.
    public var outcome: Outcome = .unknown
    /// The model or checkpoint version, when the record carries one.
    public var version: String?
    /// A hash of every leaf, to recognise a record written twice.
    public var contentHash: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The number of leaves of any type.
    public var leafCount = 0

    var stepPriority = Int.max
    var timePriority = Int.max
    var rankPriority = Int.max
    /// True when a time field held text that is no time runlens reads (`"garbage"`).
    var hasUnreadTime = false

    /// Whether `rank` is a rank within one node (`local_rank`), which repeats on every node:
    /// a rank from the file's name or folder goes before it.
    var rankIsLocal: Bool { rankPriority == RoleMatcher.localRankPriority }

    /// Creates an empty record.
    public init() {}

    /// Empties the record, keeping its buffer. The texts are set to `nil` only when they are
    /// not already: setting them releases the old values, a call even when there were none.
    public mutating func reset() {
        values.removeAll()
        step = nil
        stepIsIter = false
        epoch = nil
        time = nil
        timeIsRelative = false
        rank = nil
        device = nil
        isEvalMode = false
        if event != nil { event = nil }
        switch outcome {
        case .unknown: break
        case .ok, .error: outcome = .unknown
        }
        if version != nil { version = nil }
        contentHash = 0xcbf2_9ce4_8422_2325
        leafCount = 0
        stepPriority = .max
        timePriority = .max
        rankPriority = .max
        hasUnreadTime = false
    }

    /// True when the record carries no metric value at all.
    public var hasMetrics: Bool { !values.isEmpty }

    @inline(__always)
    mutating func mix(_ bits: UInt64) {
        contentHash = (contentHash ^ bits) &* 0x100_0000_01b3
        contentHash ^= contentHash >> 29
    }

    /// Mixes in a leaf whose key and position give `key` (see ``leafKey(field:index:)``) and
    /// whose value gives `bits`: one round for both, each round a bijection of the hash, so
    /// records that differ in one leaf never hash alike.
    @inline(__always)
    mutating func mix(key: UInt64, _ bits: UInt64) {
        mix(key ^ bits)
    }

    /// The part of a leaf's hash that its field and array position (`-1`: none; `-2`: a
    /// string) make, spread over all 64 bits so that it cannot cancel a value's bits in
    /// any simple way.
    @inline(__always)
    static func leafKey(field: Int32, index: Int) -> UInt64 {
        let bits =
            UInt64(UInt32(bitPattern: field)) << 32 | UInt64(UInt32(truncatingIfNeeded: index))
        return bits &* 0x9E37_79B9_7F4A_7C15
    }
}
