import Foundation
import Testing

@testable import RunLens

/// Past `--max-fields` and `--max-series`, values a detector needs (a metric with a role, a
/// step) are still read, so a log full of junk keys cannot hide a diverging loss; other
/// values are dropped and counted as before.
struct FieldLimitTests {
    /// Interns `name` into `table`.
    private func intern(_ name: String, _ table: FieldTable) -> Int32? {
        Array(name.utf8).withUnsafeBytes { table.intern($0) }
    }

    @Test func namesWithARoleOrAPositionAreKeptPastTheCapacity() {
        let table = FieldTable(matcher: RoleMatcher(), capacity: 2)
        #expect(intern("a", table) == 0)
        #expect(intern("b", table) == 1)
        #expect(intern("c", table) == nil)

        #expect(intern("loss", table) == 2)
        #expect(intern("step", table) == 3)
        #expect(intern("timestamp", table) == 4)
        #expect(intern("d", table) == nil)
        #expect(table.overflowed == 2)
        #expect(table.keptPastCapacity == ["loss", "step", "timestamp"])
    }

    @Test func namesThatMatchByTheirLastComponentCannotCrowdOutTheWholeName() {
        let table = FieldTable(matcher: RoleMatcher(), capacity: 1)
        #expect(intern("junk", table) == 0)
        // 64 names per role are kept past the capacity for names that match by their last
        // component; the 65th is dropped.
        for item in 0..<64 {
            #expect(intern("item\(item)/loss", table) != nil)
        }
        #expect(intern("item64/loss", table) == nil)

        // `loss` and `train_loss` are the role's names as a whole: they have room apart.
        #expect(intern("loss", table) == 65)
        #expect(intern("train_loss", table) == 66)
        #expect(table.overflowed == 1)
        #expect(table.count == 67)
    }

    @Test func lossFirstSeenPastTheFieldLimitStillReachesTheDetectors() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keys.jsonl").path
        // Each line a key of its own; the loss starts at step 201 and is NaN from step 281.
        let text = (1...300).map { step in
            let loss = step <= 200 ? "" : step < 281 ? ", \"loss\": 1.5" : ", \"loss\": NaN"
            return "{\"step\": \(step), \"key_\(step)\": 2\(loss)}\n"
        }
        try Data(text.joined().utf8).write(to: URL(fileURLWithPath: path))

        let run = try ProcessProbe.runlens(["analyze", path, "--max-fields", "100"])

        // step and key_1 ... key_99 fill the table; key_100 ... key_300 are dropped.
        #expect(run.status == 1)
        #expect(
            run.stderrLines == [
                "runlens: warning: more than 100 distinct field names: 201 values of later new "
                    + "names were dropped (raise --max-fields to keep them)",
                "runlens: warning: 1 field name(s) past the --max-fields limit were kept "
                    + "because detectors or positions need them: 'loss'",
            ])
        #expect(try run.summary()["fieldsDropped"] as? Int == 201)
        let incidents = run.output("incidents.csv").split(whereSeparator: \.isNewline).dropFirst()
        #expect(incidents.first?.hasPrefix("critical,divergence,loss,,,281,") == true)
        #expect(
            run.output("report.md").contains(
                "- 1 field name(s) past the --max-fields limit were kept because detectors or "
                    + "positions need them: `loss`\n"))
    }

    @Test func lossFirstSeenPastTheSeriesLimitStillReachesTheDetectors() throws {
        let folder = try ProcessProbe.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ranks.jsonl").path
        // 30 ranks with two metrics each at step 1 (60 series); then rank 0's loss, NaN from
        // step 90, and a new rank 99 with the same loss.
        var lines = (0..<30).map { "{\"step\": 1, \"rank\": \($0), \"a\": 1, \"b\": 2}\n" }
        for step in 2...100 {
            let loss = step < 90 ? "1.5" : "NaN"
            lines.append("{\"step\": \(step), \"rank\": 0, \"loss\": \(loss)}\n")
            lines.append("{\"step\": \(step), \"rank\": 99, \"loss\": \(loss)}\n")
        }
        try Data(lines.joined().utf8).write(to: URL(fileURLWithPath: path))

        let run = try ProcessProbe.runlens(["analyze", path, "--max-series", "50"])

        // Ranks 0 to 24 make the 50 series; ranks 25 to 29 drop their two values each.
        #expect(run.status == 1)
        #expect(
            run.stderrLines == [
                "runlens: warning: more than 50 series (metric x rank x device): 10 values of "
                    + "later new series were dropped (raise --max-series to keep them)",
                "runlens: warning: series past the --max-series limit were kept for metrics "
                    + "detectors need: 'loss'",
            ])
        #expect(try run.summary()["seriesDropped"] as? Int == 10)
        #expect((try run.summary()["metrics"] as? [Any])?.count == 52)
        let incidents = run.output("incidents.csv").split(whereSeparator: \.isNewline).dropFirst()
        #expect(incidents.contains { $0.hasPrefix("critical,divergence,loss,") })
    }
}
