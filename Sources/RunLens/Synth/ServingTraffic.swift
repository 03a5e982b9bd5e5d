import Foundation

/// Realistic model-server traffic, with faults switched on for stretches of time.
///
/// Arrivals are Poisson at about 2 requests/s, swelling and ebbing by ±30% over three
/// hours; each minute has its own load factor, so five-minute windows are noisy. Latency
/// is TTFT plus output tokens times inter-token latency (p50 ≈ 450 ms, p95 ≈ 800 ms), with
/// a rare slow tail. A background of 0.02% errors (500, 503, 429) fails fast. Quality evals
/// (`eval/mmlu`, `thumbs_up_rate`) are logged every ten minutes.
struct ServingTraffic {
    /// One request line.
    struct Request {
        var time: Double
        var latencyMs: Double
        var ttftMs: Double?
        var inputTokens: Int
        var outputTokens: Int
        var status: Int
        var version: String
    }

    /// One eval line.
    struct Eval {
        var time: Double
        var version: String
        var mmlu: Double
        var thumbsUp: Double
    }

    /// A line of the log, in time order.
    enum Line {
        case request(Request)
        case eval(Eval)
    }

    /// What is wrong, and when.
    struct Faults {
        /// Latency and TTFT multiplied in this stretch.
        var slowdown: (range: Range<Double>, latency: Double, ttft: Double)?
        /// Share of requests failing with `status` in this stretch.
        var errorBurst: (range: Range<Double>, rate: Double, status: Int)?
        /// From this time on, the model is `v2` and MMLU is this share of its old value.
        var versionChange: (time: Double, mmluFactor: Double)?
    }

    let start: Double
    let minutes: Int
    let faults: Faults
    private var random: SeededRandom

    static let meanRate = 2.0
    static let backgroundErrorRate = 0.0002
    static let evalInterval = 600.0

    init(start: Double, minutes: Int, seed: UInt64, faults: Faults) {
        self.start = start
        self.minutes = minutes
        self.faults = faults
        random = SeededRandom(seed: seed)
    }

    /// Every line, in time order.
    mutating func lines() -> [Line] {
        var lines: [Line] = []
        let end = start + Double(minutes) * 60
        var nextEval = start
        for minute in 0..<minutes {
            let minuteStart = start + Double(minute) * 60
            let load = exp(0.12 * random.normal())
            var time = minuteStart
            let rate =
                Self.meanRate * (1 + 0.3 * sin(2 * Double.pi * (minuteStart - start) / 10_800))
            while true {
                time += -log(max(random.uniform(), 1e-12)) / rate
                guard time < minuteStart + 60, time < end else { break }
                while nextEval <= time {
                    lines.append(.eval(eval(at: nextEval)))
                    nextEval += Self.evalInterval
                }
                lines.append(.request(request(at: time, load: load)))
            }
        }
        return lines
    }

    private func version(at time: Double) -> String {
        guard let change = faults.versionChange, time >= change.time else { return "v1" }
        return "v2"
    }

    private mutating func eval(at time: Double) -> Eval {
        var mmlu = 0.70 + 0.004 * random.normal()
        if let change = faults.versionChange, time >= change.time { mmlu *= change.mmluFactor }
        let thumbsUp = 0.82 + 0.006 * random.normal()
        return Eval(time: time, version: version(at: time), mmlu: mmlu, thumbsUp: thumbsUp)
    }

    private mutating func request(at time: Double, load: Double) -> Request {
        let input = Int(min(8000, 400 * exp(0.6 * random.normal())).rounded())
        let version = version(at: time)
        if let status = failure(at: time) {
            let latency = 15 + 30 * random.uniform()
            return Request(
                time: time, latencyMs: latency, ttftMs: nil, inputTokens: input, outputTokens: 0,
                status: status, version: version)
        }

        let output = Int(max(1, min(1024, 120 * exp(0.35 * random.normal()))).rounded())
        var ttft = 150 * exp(0.25 * random.normal()) * load
        var perToken = 2.5 * exp(0.1 * random.normal()) * load
        if random.uniform() < 0.003 { perToken *= 2 + random.uniform() }
        if let slowdown = faults.slowdown, slowdown.range.contains(time) {
            ttft *= slowdown.ttft
            perToken *= slowdown.latency
        }
        return Request(
            time: time, latencyMs: ttft + Double(output) * perToken, ttftMs: ttft,
            inputTokens: input, outputTokens: output, status: 200, version: version)
    }

    private mutating func failure(at time: Double) -> Int? {
        let draw = random.uniform()
        if let burst = faults.errorBurst, burst.range.contains(time) {
            return draw < burst.rate ? burst.status : nil
        }
        guard draw < Self.backgroundErrorRate else { return nil }
        return [500, 503, 429][Int(random.next() % 3)]
    }
}
