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
        .init(name: "memory.used", typical: 1500, stated: "MiB", unit: .mebibytes),
        .init(name: "memory.used", typical: 1500, stated: nil, unit: .gigabytes),
        .init(name: "gpu_mem", typical: 60, stated: "%", unit: .percent),
        .init(name: "gpu_mem", typical: 60_000, stated: "GiB", unit: .gibibytes),
        .init(name: "gpu_mem", typical: 60_000, stated: "MB", unit: .megabytes),
        // A name's unit is shown as the name writes it.
        .init(name: "gpu_mem_mib", typical: 10, stated: nil, unit: .mebibytes),
        .init(name: "gpu_mem_gb", typical: 10, stated: nil, unit: .gigabytes),
        .init(name: "gpu_mem", typical: 3e9, stated: "B", unit: .bytes),
        // A unit that is not one of memory leaves the guess.
        .init(name: "gpu_mem_mb", typical: 10, stated: "W", unit: .megabytes),
    ]

    @Test(arguments: cases)
    func statedUnitsGoBeforeTheGuess(_ example: UnitCase) {
        let unit = MemoryUnit(name: example.name, typical: example.typical, stated: example.stated)
        #expect(unit == example.unit)
    }

    /// nvidia-smi writes mebibytes (`[MiB]`): values are shown under that symbol, and a MiB is
    /// 1,048,576 bytes as a MB is here, so 80 GiB is 81,920 of them.
    @Test func showsTheSymbolTheLogWrote() {
        let unit = MemoryUnit(name: "memory.used", typical: 20_000, stated: "MiB")

        #expect(unit.text(3000.1) == "3000.1 MiB")
        #expect(unit.bytes == 1_048_576)
        #expect(unit.capacity(gigabytes: 80) == 81_920)
        #expect(MemoryUnit(name: "memory", typical: 20_000).text(3000.1) == "3000.1 MB")
    }
}
