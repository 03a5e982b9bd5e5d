/// The metric values of a record, in order: an array that ``RecordBuilder`` appends to
/// without a uniqueness check per value.
///
/// Copies share one buffer. A copy writes in place only past every value another copy can
/// see: when it holds the buffer alone (checked by `removeAll()` and by the general
/// `append`), or when its last value is the last one written to the buffer (`appendOwned`,
/// for the builder, which checked that it held the buffer alone when it began its record).
/// Growing moves the values to a new buffer and leaves the old one as it was, so a copy
/// never sees a value change.
public struct MetricValues: RandomAccessCollection, Sendable {
    private var buffer: MetricValueBuffer
    /// The number of values of this copy.
    public private(set) var count = 0

    /// Creates an empty list.
    public init() {
        buffer = MetricValueBuffer(capacity: 16)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The value at `position`, which must be below `count`.
    @inline(__always)
    public subscript(position: Int) -> MetricValue {
        buffer.elements[position]
    }

    /// Adds `value` at the end.
    public mutating func append(_ value: MetricValue) {
        if !isKnownUniquelyReferenced(&buffer) || count != buffer.used {
            buffer = buffer.copy(count, capacity: buffer.capacity)
        }
        appendOwned(value)
    }

    /// Adds `value` at the end without asking whether the buffer is shared: writes in place
    /// when no copy has seen a value at that position, else moves to a new buffer.
    @inline(__always)
    mutating func appendOwned(_ value: MetricValue) {
        guard count == buffer.used, count < buffer.capacity else {
            return grow(then: value)
        }
        buffer.elements[count] = value
        count += 1
        buffer.used = count
    }

    /// Moves the values to a buffer twice as large, or to one of their own, and adds `value`.
    @inline(never)
    private mutating func grow(then value: MetricValue) {
        let capacity = count < buffer.capacity ? buffer.capacity : buffer.capacity * 2
        buffer = buffer.copy(count, capacity: capacity)
        appendOwned(value)
    }

    /// Removes every value, keeping the buffer when no other copy holds it.
    @inline(__always)
    public mutating func removeAll() {
        if isKnownUniquelyReferenced(&buffer) {
            buffer.used = 0
        } else {
            buffer = MetricValueBuffer(capacity: buffer.capacity)
        }
        count = 0
    }

    /// Removes the values for which `isRemoved` holds, keeping the order of the others.
    public mutating func removeAll(where isRemoved: (MetricValue) throws -> Bool) rethrows {
        if !isKnownUniquelyReferenced(&buffer) || count != buffer.used {
            buffer = buffer.copy(count, capacity: buffer.capacity)
        }
        var kept = 0
        for index in 0..<count where try !isRemoved(buffer.elements[index]) {
            buffer.elements[kept] = buffer.elements[index]
            kept += 1
        }
        count = kept
        buffer.used = kept
    }
}

/// The storage of ``MetricValues``: `used` values written of `capacity`.
private final class MetricValueBuffer: @unchecked Sendable {
    let elements: UnsafeMutablePointer<MetricValue>
    let capacity: Int
    /// How many values some copy wrote; only the copy with that many may write more.
    var used = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        elements = .allocate(capacity: self.capacity)
    }

    deinit {
        elements.deallocate()
    }

    /// A buffer of `capacity` holding the first `count` values of this one.
    func copy(_ count: Int, capacity: Int) -> MetricValueBuffer {
        let copy = MetricValueBuffer(capacity: capacity)
        copy.elements.initialize(from: elements, count: count)
        copy.used = count
        return copy
    }
}
