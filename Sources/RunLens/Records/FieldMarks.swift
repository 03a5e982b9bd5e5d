/// For each field id, the last record (by serial) that took a value of it: how
/// ``RecordBuilder`` finds a key written twice in one record.
///
/// The marks live in a manually managed buffer that grows by doubling, so setting one, once
/// per metric value, neither checks an array's uniqueness nor copies it. A builder that is
/// copied shares its marks; one builder serves one input.
final class FieldMarks {
    private var marks: UnsafeMutablePointer<Int>
    private var capacity = 64

    init() {
        marks = .allocate(capacity: capacity)
        marks.initialize(repeating: 0, count: capacity)
    }

    deinit {
        marks.deallocate()
    }

    /// Marks `field` as taken in record `serial`; returns whether it was taken in it already.
    @inline(__always)
    func mark(_ field: Int, serial: Int) -> Bool {
        if field >= capacity { grow(to: field + 1) }
        let taken = marks[field] == serial
        marks[field] = serial
        return taken
    }

    private func grow(to needed: Int) {
        let larger = max(capacity * 2, needed)
        let buffer = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        buffer.moveInitialize(from: marks, count: capacity)
        (buffer + capacity).initialize(repeating: 0, count: larger - capacity)
        marks.deallocate()
        marks = buffer
        capacity = larger
    }
}
