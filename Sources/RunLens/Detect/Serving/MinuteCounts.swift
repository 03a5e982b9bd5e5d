/// Requests and failures per minute of a timed log, for burn rates over any window.
///
/// One entry per minute that had requests, so memory grows with the log's span in minutes
/// (a year is about half a million entries), not with its requests.
struct MinuteCounts {
    private var counts: [Int64: (requests: Int, failed: Int)] = [:]
    private(set) var firstFailure: [Int64: RequestRef] = [:]

    /// True when no timed request was added.
    var isEmpty: Bool { counts.isEmpty }

    /// Adds a request at `time` (seconds).
    mutating func add(time: Double, failed: Bool, ref: RequestRef) {
        let minute = (time / 60).rounded(.down)
        guard abs(minute) < 1e15 else { return }
        let key = Int64(minute)
        counts[key, default: (0, 0)].requests += 1
        guard failed else { return }

        counts[key, default: (0, 0)].failed += 1
        if firstFailure[key].map({ ref.isBefore($0) }) ?? true { firstFailure[key] = ref }
    }

    /// The longest span evaluated (two years of minutes): a stray timestamp decades away
    /// must not make the prefix sums huge.
    static let maxSpanMinutes: Int64 = 1_051_200

    /// True when the minutes span more than `maxSpanMinutes`.
    var spansTooLong: Bool {
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return false }
        return last - first >= Self.maxSpanMinutes
    }

    /// Cumulative counts from the first minute: `requests[i]` and `failed[i]` cover the
    /// minutes before `first + i`; `nil` when empty or longer than `maxSpanMinutes`.
    func prefixSums() -> (first: Int64, requests: [Int], failed: [Int])? {
        guard let first = counts.keys.min(), let last = counts.keys.max(),
            last - first < Self.maxSpanMinutes
        else { return nil }
        let span = Int(last - first) + 1
        var requests = [Int](repeating: 0, count: span + 1)
        var failed = [Int](repeating: 0, count: span + 1)
        for offset in 0..<span {
            let entry = counts[first + Int64(offset)] ?? (0, 0)
            requests[offset + 1] = requests[offset] + entry.requests
            failed[offset + 1] = failed[offset] + entry.failed
        }
        return (first, requests, failed)
    }
}
