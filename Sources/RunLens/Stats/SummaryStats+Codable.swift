/// Stored with every field needed to merge later: counts, sum, mean, `m2` (the sum of squared
/// deviations from the mean), extremes, first and last. Non-finite numbers are written as
/// `"NaN"`, `"Infinity"` or `"-Infinity"`; counts must lie in 0…2^53.
extension SummaryStats: Codable {
    private enum CodingKeys: String, CodingKey {
        case count, nan, positiveInfinity, negativeInfinity, sum, mean, m2, min, max
        case first, last
    }

    private enum ObservationKeys: String, CodingKey {
        case position, value
    }

    /// Decodes a summary written by `encode(to:)`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = try container.decodeCount(forKey: .count)
        nanCount = try container.decodeCount(forKey: .nan)
        positiveInfinityCount = try container.decodeCount(forKey: .positiveInfinity)
        negativeInfinityCount = try container.decodeCount(forKey: .negativeInfinity)
        sum = try container.decodeNumber(forKey: .sum)
        runningMean = try container.decodeNumber(forKey: .mean)
        m2 = try container.decodeNumber(forKey: .m2)
        first = try Self.decodeObservation(container, .first)
        last = try Self.decodeObservation(container, .last)
        guard count > 0 else { return }

        minimum = try container.decodeNumber(forKey: .min)
        maximum = try container.decodeNumber(forKey: .max)
    }

    /// Encodes the summary; `min`, `max`, `first` and `last` are left out when undefined.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(nanCount, forKey: .nan)
        try container.encode(positiveInfinityCount, forKey: .positiveInfinity)
        try container.encode(negativeInfinityCount, forKey: .negativeInfinity)
        try container.encodeNumber(sum, forKey: .sum)
        try container.encodeNumber(runningMean, forKey: .mean)
        try container.encodeNumber(m2, forKey: .m2)
        try container.encodeNumberIfPresent(min, forKey: .min)
        try container.encodeNumberIfPresent(max, forKey: .max)

        for (observation, key) in [(first, CodingKeys.first), (last, .last)] {
            guard let observation else { continue }
            var nested = container.nestedContainer(keyedBy: ObservationKeys.self, forKey: key)
            try nested.encodeNumber(observation.position, forKey: .position)
            try nested.encodeNumber(observation.value, forKey: .value)
        }
    }

    private static func decodeObservation(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
    ) throws -> Observation? {
        guard container.contains(key) else { return nil }

        let nested = try container.nestedContainer(keyedBy: ObservationKeys.self, forKey: key)
        return Observation(
            position: try nested.decodeNumber(forKey: .position),
            value: try nested.decodeNumber(forKey: .value))
    }
}
