/// The training detector family.
public enum TrainingDetectors {
    /// Every training detector `settings` enables, in a fixed order.
    public static func make(_ settings: TrainingSettings = TrainingSettings()) -> [Detector] {
        var detectors: [Detector] = []
        if settings.divergence.enabled {
            detectors.append(DivergenceDetector(settings: settings.divergence))
        }
        if settings.lossSpike.enabled {
            detectors.append(LossSpikeDetector(settings: settings.lossSpike))
        }
        if settings.lossPlateau.enabled {
            detectors.append(LossPlateauDetector(settings: settings.lossPlateau))
        }
        if settings.overfitting.enabled {
            detectors.append(OverfittingDetector(settings: settings.overfitting))
        }
        if settings.gradExplosion.enabled {
            detectors.append(GradExplosionDetector(settings: settings.gradExplosion))
        }
        if settings.lossScaleCollapse.enabled {
            detectors.append(LossScaleCollapseDetector(settings: settings.lossScaleCollapse))
        }
        if settings.throughputDrop.enabled {
            detectors.append(ThroughputDropDetector(settings: settings.throughputDrop))
        }
        if settings.dataBottleneck.enabled {
            detectors.append(DataBottleneckDetector(settings: settings.dataBottleneck))
        }
        return detectors
    }

    /// The incident rules for this family: cooldowns from `settings`, and one cause one
    /// incident (a divergence absorbs the spikes, plateaus and gradient explosions on its
    /// rank; a loss scale collapse absorbs the plateau it causes), and one incident for a
    /// loss-type finding that every rank shows at once (`foldedAcrossRanks`).
    public static func rules(_ settings: TrainingSettings = TrainingSettings())
        -> IncidentBuilder.Rules
    {
        var rules = IncidentBuilder.Rules()
        rules.cooldowns = settings.cooldowns
        rules.absorbs = [
            "divergence": ["loss_spike", "loss_plateau", "grad_explosion"],
            "loss_scale_collapse": ["loss_plateau"],
        ]
        rules.foldAcrossRanks = foldedAcrossRanks
        return rules
    }

    /// The detectors whose finding on several ranks at once has one cause: the loss,
    /// gradient norm and loss scale are all-reduced or shared, so every rank logs the same
    /// fault. Throughput, straggler and memory findings are about one rank and stay apart.
    public static let foldedAcrossRanks = [
        "divergence", "loss_spike", "loss_plateau", "overfitting", "grad_explosion",
        "loss_scale_collapse",
    ]
}
