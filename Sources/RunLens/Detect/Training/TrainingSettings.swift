/// Every setting of the training detectors: whether each runs, its severity, its
/// cooldown and its thresholds. Defaults follow the source document where it gives a
/// number; the others were chosen on the corpus and the synthetic sweep, and
/// `explanations` says why, one line per key.
///
/// Decoding fills any key a config leaves out with its default, so a config names only
/// what it changes.
public struct TrainingSettings: Codable, Sendable, Equatable {
    /// NaN/Inf loss or gradient norm; loss rising for good.
    public var divergence = DivergenceSettings()
    /// A short jump of the loss.
    public var lossSpike = LossSpikeSettings()
    /// The loss no longer improving.
    public var lossPlateau = LossPlateauSettings()
    /// Validation worsening against training.
    public var overfitting = OverfittingSettings()
    /// The gradient norm far above its recent level.
    public var gradExplosion = GradExplosionSettings()
    /// The mixed-precision loss scale falling again and again.
    public var lossScaleCollapse = LossScaleCollapseSettings()
    /// Tokens per second or MFU below the run's own level or the cluster's.
    public var throughputDrop = ThroughputDropSettings()
    /// The input pipeline slower than compute.
    public var dataBottleneck = DataBottleneckSettings()

    /// The defaults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case divergence
        case lossSpike = "loss_spike"
        case lossPlateau = "loss_plateau"
        case overfitting
        case gradExplosion = "grad_explosion"
        case lossScaleCollapse = "loss_scale_collapse"
        case throughputDrop = "throughput_drop"
        case dataBottleneck = "data_bottleneck"
    }

    /// Reads a config, taking the default for every key it leaves out.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        divergence = try container.value(.divergence, or: divergence)
        lossSpike = try container.value(.lossSpike, or: lossSpike)
        lossPlateau = try container.value(.lossPlateau, or: lossPlateau)
        overfitting = try container.value(.overfitting, or: overfitting)
        gradExplosion = try container.value(.gradExplosion, or: gradExplosion)
        lossScaleCollapse = try container.value(.lossScaleCollapse, or: lossScaleCollapse)
        throughputDrop = try container.value(.throughputDrop, or: throughputDrop)
        dataBottleneck = try container.value(.dataBottleneck, or: dataBottleneck)
    }

    /// Each detector's cooldown by id, for `IncidentBuilder`.
    public var cooldowns: [String: Double] {
        [
            "divergence": divergence.cooldown, "loss_spike": lossSpike.cooldown,
            "loss_plateau": lossPlateau.cooldown, "overfitting": overfitting.cooldown,
            "grad_explosion": gradExplosion.cooldown,
            "loss_scale_collapse": lossScaleCollapse.cooldown,
            "throughput_drop": throughputDrop.cooldown,
            "data_bottleneck": dataBottleneck.cooldown,
        ]
    }
}

extension KeyedDecodingContainer {
    /// The value under `key`, or `fallback` when the key is absent.
    func value<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback
    }
}
