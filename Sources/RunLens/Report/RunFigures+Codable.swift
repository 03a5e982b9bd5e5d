/// Stored as the `run` block of `summary.json`; numbers that are undefined are left out,
/// non-finite ones are written as `"NaN"`, `"Infinity"` or `"-Infinity"`.
extension RunFigures: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, nameGiven, firstTime, lastTime, firstStep, lastStep
        case finalTrainLoss, trainLossMetric, finalValLoss, valLossMetric
        case throughput, throughputMetric, latencyP95Ms, latencyP99Ms, latencyMetric
        case latencyExact, requests, failedRequests, requestsWithoutOutcome, errorRate
    }

    /// Decodes a `run` block; only `name` is required (a block written by another version may
    /// lack later keys), and `errorRate` is recomputed from the request counts
    /// (`requestsWithoutOutcome` is written only when some request had no outcome).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let given = try container.decodeIfPresent(Bool.self, forKey: .nameGiven) ?? false
        self.init(
            name: RunName(name: try container.decode(String.self, forKey: .name), given: given))
        firstTime = try container.decodeNumberIfPresent(forKey: .firstTime)
        lastTime = try container.decodeNumberIfPresent(forKey: .lastTime)
        firstStep = try container.decodeNumberIfPresent(forKey: .firstStep)
        lastStep = try container.decodeNumberIfPresent(forKey: .lastStep)
        finalTrainLoss = try container.decodeNumberIfPresent(forKey: .finalTrainLoss)
        trainLossMetric = try container.decodeIfPresent(String.self, forKey: .trainLossMetric)
        finalValLoss = try container.decodeNumberIfPresent(forKey: .finalValLoss)
        valLossMetric = try container.decodeIfPresent(String.self, forKey: .valLossMetric)
        throughput = try container.decodeNumberIfPresent(forKey: .throughput)
        throughputMetric = try container.decodeIfPresent(String.self, forKey: .throughputMetric)
        latencyP95 = try container.decodeNumberIfPresent(forKey: .latencyP95Ms)
        latencyP99 = try container.decodeNumberIfPresent(forKey: .latencyP99Ms)
        latencyMetric = try container.decodeIfPresent(String.self, forKey: .latencyMetric)
        latencyExact = try container.decodeIfPresent(Bool.self, forKey: .latencyExact)
        if container.contains(.requests) {
            requests = try container.decodeCount(forKey: .requests)
        }
        if container.contains(.failedRequests) {
            failedRequests = try container.decodeCount(forKey: .failedRequests)
        }
        if container.contains(.requestsWithoutOutcome) {
            requestsWithoutOutcome = try container.decodeCount(forKey: .requestsWithoutOutcome)
        }
    }

    /// Encodes the block.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name.name, forKey: .name)
        try container.encode(name.given, forKey: .nameGiven)
        try container.encodeNumberIfPresent(firstTime, forKey: .firstTime)
        try container.encodeNumberIfPresent(lastTime, forKey: .lastTime)
        try container.encodeNumberIfPresent(firstStep, forKey: .firstStep)
        try container.encodeNumberIfPresent(lastStep, forKey: .lastStep)
        try container.encodeNumberIfPresent(finalTrainLoss, forKey: .finalTrainLoss)
        try container.encodeIfPresent(trainLossMetric, forKey: .trainLossMetric)
        try container.encodeNumberIfPresent(finalValLoss, forKey: .finalValLoss)
        try container.encodeIfPresent(valLossMetric, forKey: .valLossMetric)
        try container.encodeNumberIfPresent(throughput, forKey: .throughput)
        try container.encodeIfPresent(throughputMetric, forKey: .throughputMetric)
        try container.encodeNumberIfPresent(latencyP95, forKey: .latencyP95Ms)
        try container.encodeNumberIfPresent(latencyP99, forKey: .latencyP99Ms)
        try container.encodeIfPresent(latencyMetric, forKey: .latencyMetric)
        try container.encodeIfPresent(latencyExact, forKey: .latencyExact)
        try container.encode(requests, forKey: .requests)
        try container.encode(failedRequests, forKey: .failedRequests)
        if requestsWithoutOutcome > 0 {
            try container.encode(requestsWithoutOutcome, forKey: .requestsWithoutOutcome)
        }
        try container.encodeNumberIfPresent(errorRate, forKey: .errorRate)
    }
}
