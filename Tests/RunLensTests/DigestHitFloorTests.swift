import Testing

@testable import RunLens

/// What counts as a run hit by an incident kind: an incident of that kind at warning or
/// above. Info incidents are notes, and the digest's sections agree on it.
struct DigestHitFloorTests {
    static func run(_ name: String, _ incidents: [Incident]) -> DigestRun {
        KindTallyTests.run(name, incidents)
    }

    static func incident(_ detector: String, _ severity: Severity, rank: Int? = nil)
        -> Incident
    {
        KindTallyTests.incident(detector, severity, rank: rank)
    }

    @Test func anInfoIncidentDoesNotHitItsRun() {
        let runs = [
            Self.run("fp16", [Self.incident("divergence", .info)]),
            Self.run("nan", [Self.incident("divergence", .critical)]),
            Self.run(
                "mixed",
                [Self.incident("divergence", .info), Self.incident("divergence", .warning)]
            ),
        ]
        let tallies = KindTally.rank(runs)
        #expect(tallies.map(\.detector) == ["divergence"])
        #expect(tallies[0].runNames == ["nan", "mixed"])
        #expect(tallies[0].runs == 2)
        // the incidents of the kind in the runs it hit: 1 in nan, 2 in mixed
        #expect(tallies[0].incidents == 3)
        #expect(runs.map(\.hitKinds) == [[], ["divergence"], ["divergence"]])
    }

    @Test func aRunFixedByAnInfoIncidentIsNotCountedAsHitAgain() {
        // The user's case: last week runA diverged; this week its only incident is an info
        // note of fp16 skips, and runC diverged.
        let previous = [
            Self.run("runA", [Self.incident("divergence", .critical)]), Self.run("runC", []),
        ]
        let runs = [
            Self.run("runA", [Self.incident("divergence", .info)]),
            Self.run("runC", [Self.incident("divergence", .critical)]),
        ]
        let comparison = DigestComparison(runs: runs, previous: previous)
        #expect(comparison.fixed == ["runA"])
        #expect(comparison.newFailures == ["runC"])
        #expect(comparison.worseKinds.isEmpty)
        #expect(comparison.betterKinds.isEmpty)
        #expect(KindTally.rank(runs).map(\.runNames) == [["runC"]])
    }

    @Test func aRunReadFromCSVIsHitByItsKindsWhenItsStatusReachesTheFloor() throws {
        let text =
            "run,status,info,warning,incident_kinds\n" + "quiet,info,2,0,divergence:2\n"
            + "loud,warning,1,1,divergence:1;loss_plateau:1\n"
        let runs = try DigestCSV.parse(text)
        #expect(runs.map(\.hitKinds) == [[], ["divergence", "loss_plateau"]])
    }

    @Test func anInfoStragglerNamesNoFlakyNode() {
        let runs = [
            Self.run("r1", [Self.incident("straggler", .info, rank: 2)]),
            Self.run("r2", [Self.incident("straggler", .warning, rank: 2)]),
        ]
        #expect(FlakyNode.find(runs).isEmpty)
        #expect(runs[0].nodes.isEmpty)
    }

    @Test func theDigestSaysWhatCountsAsAHit() {
        let runs = [Self.run("fp16", [Self.incident("divergence", .info)])]
        let quiet = DigestMarkdown(digest: Digest(runs: runs)).render()
        #expect(
            quiet.contains(
                "## Recurring incidents\n\nNo incident at warning or above (info incidents are "
                    + "notes, counted in the runs table only).\n"))

        let loud = runs + [Self.run("nan", [Self.incident("divergence", .critical)])]
        let text = DigestMarkdown(digest: Digest(runs: loud)).render()
        #expect(
            text.contains(
                "Ranked by the number of runs each kind hit: runs with an incident of that kind "
                    + "at warning or above (info incidents are notes, counted in the runs table "
                    + "only).\n\n| incident | runs | incidents | worst | runs hit |\n"
                    + "| --- | ---: | ---: | --- | --- |\n| divergence | 1 | 1 | critical | nan |\n"
            ))
    }
}
