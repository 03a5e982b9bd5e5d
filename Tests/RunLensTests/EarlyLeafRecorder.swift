@testable import RunLens

/// A `LeafRecorder` that takes leaves early, except those whose key is in `declined`, and
/// notes which leaves it took early and how often its record was restarted.
struct EarlyLeafRecorder: EarlyFieldVisitor {
    var recorder = LeafRecorder()
    var declined: Set<String> = []
    /// The leaves taken through `visitEarly`, in order; emptied with the record.
    var early: [String] = []
    var restarts = 0

    var leaves: [String] { recorder.leaves }

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        recorder.visitNumber(key: key, index: index, value: value)
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        recorder.visitString(key: key, value: value)
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        recorder.visitBool(key: key, value: value)
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        recorder.visitNull(key: key)
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, number: Double) -> Bool {
        takes(key) { $0.visitNumber(key: key, index: nil, value: number) }
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, string: UnsafeRawBufferPointer)
        -> Bool
    {
        takes(key) { $0.visitString(key: key, value: string) }
    }

    mutating func visitEarly(key: UnsafeRawBufferPointer, bool: Bool) -> Bool {
        takes(key) { $0.visitBool(key: key, value: bool) }
    }

    mutating func visitEarlyNull(key: UnsafeRawBufferPointer) -> Bool {
        takes(key) { $0.visitNull(key: key) }
    }

    mutating func restartRecord() {
        recorder = LeafRecorder()
        early = []
        restarts += 1
    }

    private mutating func takes(
        _ key: UnsafeRawBufferPointer, _ visit: (inout LeafRecorder) -> Void
    ) -> Bool {
        guard !declined.contains(String(decoding: key, as: UTF8.self)) else { return false }
        visit(&recorder)
        early.append(recorder.leaves[recorder.leaves.count - 1])
        return true
    }
}
