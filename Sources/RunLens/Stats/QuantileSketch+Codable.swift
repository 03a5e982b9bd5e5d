/// A sketch is stored as its accuracy, exact extremes, zero count and, per sign, the index of
/// the lowest bucket with the dense counts from there:
///
/// ```json
/// {"relativeAccuracy": 0.005, "min": 0.12, "max": 253, "zeroCount": 0,
///  "positive": {"offset": -212, "counts": [3, 0, 1]}, "negative": {"offset": 0, "counts": []}}
/// ```
///
/// Decoding rejects, with `DecodingError.dataCorrupted`, a sketch written with another
/// accuracy (it could not merge exactly), more than 2048 buckets per store, negative counts,
/// zero counts at either end of a store, more than 2^53 values per store, or a minimum or
/// maximum that is missing, non-finite or on the wrong side of zero for the buckets.
extension QuantileSketch: Codable {
    private enum CodingKeys: String, CodingKey {
        case relativeAccuracy, min, max, zeroCount, positive, negative
    }

    private enum StoreKeys: String, CodingKey {
        case offset, counts
    }

    /// The most values a decoded sketch may claim (2^53, the last exactly representable
    /// count in a `Double`).
    static let decodedCountLimit = 1 << 53

    /// The largest magnitude of a decoded bucket index; finite doubles need under 75,000.
    static let decodedIndexLimit = 1 << 20

    /// Decodes a sketch written by `encode(to:)`, checking every invariant.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let accuracy = try container.decode(Double.self, forKey: .relativeAccuracy)
        guard accuracy == Self.relativeAccuracy else {
            let reason = "relative accuracy \(accuracy) is not \(Self.relativeAccuracy)"
            throw Self.corrupted(container, .relativeAccuracy, reason)
        }

        positive = try Self.decodeStore(container, .positive)
        negative = try Self.decodeStore(container, .negative)
        zeroCount = try container.decode(Int.self, forKey: .zeroCount)
        guard (0...Self.decodedCountLimit).contains(zeroCount) else {
            throw Self.corrupted(container, .zeroCount, "zero count \(zeroCount) out of range")
        }
        guard !isEmpty else { return }

        let low = try container.decode(Double.self, forKey: .min)
        let high = try container.decode(Double.self, forKey: .max)
        guard low.isFinite, high.isFinite, low <= high,
            negative.isEmpty || low < 0, positive.isEmpty || high > 0,
            zeroCount == 0 || (low <= 0 && high >= 0)
        else {
            let reason = "minimum \(low) and maximum \(high) do not fit the buckets"
            throw Self.corrupted(container, .min, reason)
        }
        minimum = low
        maximum = high
    }

    /// Encodes the sketch compactly; `min` and `max` are left out when it is empty.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.relativeAccuracy, forKey: .relativeAccuracy)
        try container.encodeIfPresent(min, forKey: .min)
        try container.encodeIfPresent(max, forKey: .max)
        try container.encode(zeroCount, forKey: .zeroCount)

        for (store, key) in [(positive, CodingKeys.positive), (negative, .negative)] {
            var nested = container.nestedContainer(keyedBy: StoreKeys.self, forKey: key)
            try nested.encode(store.isEmpty ? 0 : store.offset, forKey: .offset)
            try nested.encode(store.counts, forKey: .counts)
        }
    }

    private static func decodeStore(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
    ) throws -> BucketStore {
        let nested = try container.nestedContainer(keyedBy: StoreKeys.self, forKey: key)
        let offset = try nested.decode(Int.self, forKey: .offset)
        let counts = try nested.decode([Int].self, forKey: .counts)
        let store = BucketStore.validated(
            offset: offset, counts: counts, indexLimit: decodedIndexLimit,
            countLimit: decodedCountLimit)
        guard let store else {
            throw corrupted(container, key, "bucket store out of range or not canonical")
        }
        return store
    }

    private static func corrupted(
        _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, _ message: String
    ) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: message)
    }
}
