/// The stable ids of every detector runlens knows, by family, in the order reports list them.
public enum DetectorCatalog {
    /// Families and their detector ids.
    public static let families: [(family: String, ids: [String])] = [
        (
            "training",
            [
                "divergence", "loss_plateau", "loss_spike", "overfitting", "grad_explosion",
                "loss_scale_collapse",
            ]
        ),
        (
            "fleet",
            [
                "throughput_drop", "data_bottleneck", "straggler", "gpu_underutilized",
                "gpu_overheat", "memory_growth", "resource_pressure",
            ]
        ),
        ("serving", ["slo_violation", "error_budget_burn", "error_rate", "quality_regression"]),
        ("meta", ["alert_storm"]),
    ]

    /// Families whose detectors run only when asked for: `baseline_regression` needs
    /// `--baseline`.
    public static let onRequest: [(family: String, ids: [String])] = [
        ("baseline", ["baseline_regression"])
    ]

    /// Every known id, in family order.
    public static var ids: [String] { families.flatMap(\.ids) }

    /// The family of `id`, or `nil` for an id this catalogue does not know.
    public static func family(of id: String) -> String? {
        (families + onRequest).first { $0.ids.contains(id) }?.family
    }
}
