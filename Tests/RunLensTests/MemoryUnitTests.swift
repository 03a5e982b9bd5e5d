import Testing

@testable import RunLens

/// The unit of a memory series: the one the log states first, else guessed.
struct MemoryUnitTests {
    struct UnitCase: CustomTestStringConvertible, Sendable {
        var name: String
        var typical: Double
        var stated: String?
        var unit: MemoryUnit
        var testDescription: String { "\(name) [\(stated ?? "-")]" }
    }

    static let cases: [UnitCase] = [
        // nvidia-smi's `memory.used [MiB]` of a small model: 1500 would be guessed as GB.
        .init(name: "memory.used", typical: 1500, stated: "MiB", unit: .megabytes),
        .init(name: "memory.used", typical: 1500, stated: nil, unit: .gigabytes),
        .init(name: "gpu_mem", typical: 60, stated: "%", unit: .percent),
        .init(name: "gpu_mem", typical: 60_000, stated: "GiB", unit: .gigabytes),
        .init(name: "gpu_mem", typical: 3e9, stated: "B", unit: .bytes),
        // A unit that is not one of memory leaves the guess.
        .init(name: "gpu_mem_mb", typical: 10, stated: "W", unit: .megabytes),
    ]

    @Test(arguments: cases)
    func statedUnitsGoBeforeTheGuess(_ example: UnitCase) {
        let unit = MemoryUnit(name: example.name, typical: example.typical, stated: example.stated)
        #expect(unit == example.unit)
    }
}
