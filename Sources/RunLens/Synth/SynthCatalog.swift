/// Every synthetic scenario, by name, across the detector families.
public enum SynthCatalog {
    /// The scenario names, in family order.
    public static var names: [String] {
        TrainingScenario.names + FleetScenario.names + ServingScenario.names
    }

    /// The log and expectations of scenario `name`, or `nil` for an unknown name.
    public static func generate(_ name: String, _ parameters: SynthParameters) -> SynthOutput? {
        TrainingScenario.generate(name, parameters) ?? FleetScenario.generate(name, parameters)
            ?? ServingScenario.generate(name, parameters)
    }
}
