/// Tells the unit of latencies whose field names state none (`latency`, `ttft`) from their
/// values, as memory series are told by their magnitude (``MemoryUnit``).
///
/// Requests with such a latency are held back until `sampleSize` values of each such kind
/// have been seen (or `maxHeld` requests are held, or the log ends); then the median decides:
/// below `secondsBelow` no request plausibly took that many milliseconds, so the values are
/// seconds; from `millisecondsFrom` on no request plausibly took that many seconds, so they
/// are milliseconds; between the two either could be, and they stay milliseconds with a
/// warning. The held requests are then released in order, converted, and each decision is
/// written as a note.
struct LatencyUnitGuess {
    /// Values of a kind that decide its unit.
    static let sampleSize = 200
    /// Requests held back at most before deciding on the values seen.
    static let maxHeld = 10_000
    /// The lowest median read as milliseconds; inter-token latencies run smaller.
    static let millisecondsFrom = 100.0

    private var samples: [UInt8: [Double]] = [:]
    private var factors: [UInt8: Double] = [:]
    private var decided: LatencyKinds = []
    private var held: [RequestSample] = []
    /// One sentence per decision, for the report and the evidence of latency incidents.
    private(set) var decisions: [(kind: LatencyKinds, note: String)] = []

    /// The factor into milliseconds decided for `kind`; `nil` until decided, or when no
    /// value of it had to be guessed.
    func factor(of kind: LatencyKinds) -> Double? {
        factors[kind.rawValue]
    }

    /// The sentences of `kind`'s decisions.
    func notes(of kind: LatencyKinds) -> [String] {
        decisions.filter { $0.kind == kind }.map(\.note)
    }

    /// Hands `count` the requests ready after `request`, in order, in milliseconds: none
    /// while the unit of one of its latencies is still open, then every request held.
    mutating func admit(_ request: RequestSample, _ count: (RequestSample) -> Void) {
        if held.isEmpty, decided.isSuperset(of: request.unstatedUnits) {
            count(request.unstatedUnits.isEmpty ? request : converted(request))
            return
        }

        for kind in Self.kinds where request.unstatedUnits.contains(kind) {
            guard !decided.contains(kind) else { continue }
            let value = request[keyPath: Self.slot(kind)]
            let sampled = samples[kind.rawValue, default: []].count
            if value.isFinite, value > 0, sampled < Self.sampleSize {
                samples[kind.rawValue, default: []].append(value)
            }
        }
        held.append(request)
        let open = samples.filter { !decided.contains(LatencyKinds(rawValue: $0.key)) }
        let sampled = open.allSatisfy { $0.value.count >= Self.sampleSize }
        if held.count >= Self.maxHeld || sampled { flush(count) }
    }

    /// Decides every kind still open and hands `count` the held requests.
    mutating func flush(_ count: (RequestSample) -> Void) {
        for kind in Self.kinds where !decided.contains(kind) {
            guard let values = samples[kind.rawValue] else { continue }
            factors[kind.rawValue] = decide(kind, values)
            decided.insert(kind)
        }
        for request in held { count(converted(request)) }
        held = []
    }

    /// `request` with its unitless latencies in milliseconds.
    private func converted(_ request: RequestSample) -> RequestSample {
        var request = request
        for kind in Self.kinds where request.unstatedUnits.contains(kind) {
            request[keyPath: Self.slot(kind)] *= factors[kind.rawValue] ?? 1
        }
        return request
    }

    /// The factor into milliseconds of `kind`, from the median of `values`; notes why.
    private mutating func decide(_ kind: LatencyKinds, _ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 1 }
        let median = sorted[sorted.count / 2]
        let seconds = Self.secondsBelow(kind)
        let subject =
            "\(Self.name(kind)) (median \(NumberFormat.short(median)) of its first "
            + "\(sorted.count) values)"
        var note: String
        defer { decisions.append((kind, note)) }
        if median < seconds {
            note =
                ("\(subject) has no unit in its name: read as seconds, as no request plausibly "
                    + "takes under \(NumberFormat.short(seconds)) ms")
            return 1000
        }
        if median < Self.millisecondsFrom {
            note =
                ("warning: \(subject) has no unit in its name, and its values fit seconds and "
                    + "milliseconds alike: read as milliseconds; name the field with `_s` or "
                    + "`_ms` to say which")
        } else {
            note =
                ("\(subject) has no unit in its name: read as milliseconds, as no request "
                    + "plausibly takes \(NumberFormat.short(Self.millisecondsFrom)) s")
        }
        return 1
    }

    /// The median below which `kind` is read as seconds.
    static func secondsBelow(_ kind: LatencyKinds) -> Double {
        kind == .interToken ? 1 : 10
    }

    private static let kinds: [LatencyKinds] = [.latency, .ttft, .interToken]

    private static func slot(_ kind: LatencyKinds) -> WritableKeyPath<RequestSample, Double> {
        switch kind {
        case .ttft: return \.ttftMs
        case .interToken: return \.interTokenMs
        default: return \.latencyMs
        }
    }

    private static func name(_ kind: LatencyKinds) -> String {
        switch kind {
        case .ttft: return "time to first token"
        case .interToken: return "inter-token latency"
        default: return "latency"
        }
    }
}
