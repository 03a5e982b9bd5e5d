/// Adds up the requests of one scope (a window, the whole log, a version) as they come.
///
/// Memory is bounded: each metric keeps at most the value cap, and at most
/// `maxErrorTypes` distinct error types (later ones count as `other`).
struct RequestAccumulator {
    private(set) var requests = 0
    private(set) var failed = 0
    private var withoutOutcome = 0
    private var errorCounts: [String: Int] = [:]
    private var latency: MetricDigest
    private var ttft: MetricDigest
    private var interToken: MetricDigest
    private var inputTokens: MetricDigest?
    private var outputTokens: MetricDigest?
    private var inputSum = 0.0
    private var outputSum = 0.0
    private var tokenRequests = 0
    private var firstError: RequestRef?
    private var lastError: RequestRef?
    private var over: [TargetCount]
    private var targetMetrics: [LatencyTarget.Metric]

    /// Error types kept apart before the rest are lumped together.
    static let maxErrorTypes = 50

    /// Creates an empty scope; `tokenDistributions` also keeps per-request token counts.
    init(targets: [LatencyTarget], valueCap: Int, tokenDistributions: Bool) {
        latency = MetricDigest(capacity: valueCap)
        ttft = MetricDigest(capacity: valueCap)
        interToken = MetricDigest(capacity: valueCap)
        if tokenDistributions {
            inputTokens = MetricDigest(capacity: valueCap)
            outputTokens = MetricDigest(capacity: valueCap)
        }
        over = targets.map { TargetCount(target: $0.name, thresholdMs: $0.thresholdMs, count: 0) }
        targetMetrics = targets.map(\.metric)
    }

    /// Adds one request read at `ref`.
    mutating func add(_ sample: RequestSample, ref: RequestRef) {
        requests += 1
        addTokens(sample)
        switch sample.outcome {
        case .error(let type):
            noteError(type, ref: ref)
            return
        case .unknown:
            withoutOutcome += 1
        case .ok:
            break
        }

        latency.add(sample.latencyMs)
        ttft.add(sample.ttftMs)
        interToken.add(sample.interTokenMs)
        for index in over.indices {
            let value = targetMetrics[index] == .ttft ? sample.ttftMs : sample.latencyMs
            if value > over[index].thresholdMs { noteOver(index, ref: ref) }
        }
    }

    /// The statistics so far; rates use `seconds` when the scope has a duration.
    func stats(seconds: Double?) -> ServingStats {
        var stats = ServingStats()
        stats.requests = requests
        stats.failed = failed
        stats.withoutOutcome = withoutOutcome
        // Without a single outcome nothing is known to have failed or succeeded.
        let judged = requests > withoutOutcome
        stats.errorRate = judged ? Double(failed) / Double(requests) : nil
        stats.errorTypes = errorTypes()
        if let seconds, seconds > 0 {
            stats.requestsPerSecond = Double(requests) / seconds
            if tokenRequests > 0 {
                stats.tokensPerSecond = (inputSum + outputSum) / seconds
                stats.outputTokensPerSecond = outputSum / seconds
            }
        }
        stats.latency = latency.distribution()
        stats.ttft = ttft.distribution()
        stats.interTokenLatency = interToken.distribution()
        stats.inputTokens = inputTokens?.distribution()
        stats.outputTokens = outputTokens?.distribution()
        stats.firstError = firstError
        stats.lastError = lastError
        stats.overTarget = over
        return stats
    }

    private mutating func addTokens(_ sample: RequestSample) {
        let input = sample.inputTokens.isFinite ? sample.inputTokens : 0
        let output = sample.outputTokens.isFinite ? sample.outputTokens : 0
        guard sample.inputTokens.isFinite || sample.outputTokens.isFinite else { return }

        tokenRequests += 1
        inputSum += input
        outputSum += output
        inputTokens?.add(sample.inputTokens)
        outputTokens?.add(sample.outputTokens)
    }

    private mutating func noteError(_ type: String, ref: RequestRef) {
        failed += 1
        if firstError.map({ ref.isBefore($0) }) ?? true { firstError = ref }
        if lastError.map({ $0.isBefore(ref) }) ?? true { lastError = ref }
        let known = errorCounts[type] != nil || errorCounts.count < Self.maxErrorTypes
        errorCounts[known ? type : "other", default: 0] += 1
    }

    private mutating func noteOver(_ index: Int, ref: RequestRef) {
        over[index].count += 1
        if over[index].first.map({ ref.isBefore($0) }) ?? true { over[index].first = ref }
        if over[index].last.map({ $0.isBefore(ref) }) ?? true { over[index].last = ref }
    }

    private func errorTypes() -> [ErrorTypeCount] {
        let total = Double(Swift.max(requests, 1))
        return errorCounts.map {
            ErrorTypeCount(type: $0.key, count: $0.value, rate: Double($0.value) / total)
        }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.type < $1.type }
    }
}
