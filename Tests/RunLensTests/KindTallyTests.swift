import Testing

@testable import RunLens

/// Incident kinds ranked across runs, and flaky nodes.
struct KindTallyTests {
    static func run(_ name: String, _ incidents: [Incident]) -> DigestRun {
        DigestRun(
            figures: RunFigures(name: RunName(name: name, given: false)), incidents: incidents,
            sources: [name], parts: 1)
    }

    static func incident(
        _ detector: String, _ severity: Severity = .warning, rank: Int? = nil, device: Int? = nil
    ) -> Incident {
        Incident(severity: severity, detector: detector, rank: rank, device: device, message: "")
    }

    @Test func kindsRankByRunsThenIncidentsThenSeverityThenName() {
        let runs = [
            Self.run("r1", [Self.incident("spike"), Self.incident("spike"), Self.incident("b")]),
            Self.run("r2", [Self.incident("spike"), Self.incident("a", .critical)]),
            Self.run("r3", [Self.incident("c"), Self.incident("b", .error)]),
        ]
        let tallies = KindTally.rank(runs)
        #expect(tallies.map(\.detector) == ["spike", "b", "a", "c"])
        #expect(tallies.map(\.runs) == [2, 2, 1, 1])
        #expect(tallies.map(\.incidents) == [3, 2, 1, 1])
        #expect(tallies.map(\.worst) == [.warning, .error, .critical, .warning])
        #expect(tallies[1].runNames == ["r1", "r3"])
    }

    @Test func aNodeHitInTwoRunsIsFlaky() {
        let runs = [
            Self.run(
                "r1",
                [
                    Self.incident("gpu_overheat", .critical, rank: 3),
                    Self.incident("straggler", rank: 3), Self.incident("straggler", rank: 1),
                ]),
            Self.run("r2", [Self.incident("straggler", rank: 3)]),
            Self.run(
                "r3",
                [
                    Self.incident("gpu_overheat", .critical, rank: 0, device: 2),
                    Self.incident("memory_growth", rank: 1),
                ]),
            Self.run("r4", [Self.incident("gpu_overheat", .critical, rank: 0, device: 2)]),
            Self.run("r5", [Self.incident("gpu_overheat", .critical, rank: 0, device: 2)]),
        ]
        let nodes = FlakyNode.find(runs)
        #expect(nodes.map(\.label) == ["rank 0, device 2", "rank 3"])
        #expect(nodes.map(\.runNames) == [["r3", "r4", "r5"], ["r1", "r2"]])
        #expect(nodes[1].detectors == ["gpu_overheat", "straggler"])
    }
}
