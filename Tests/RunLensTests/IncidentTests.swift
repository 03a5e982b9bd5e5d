import Foundation
import Testing

@testable import RunLens

struct IncidentTests {
    @Test func summaryWrittenBeforeRanksExistedStillDecodes() throws {
        let json = """
            {"severity": "warning", "detector": "loss_plateau", "metric": "loss", "rank": 2,
             "count": 3, "message": "flat", "evidence": []}
            """

        let incident = try JSONDecoder().decode(Incident.self, from: Data(json.utf8))

        #expect(incident.rank == 2)
        #expect(incident.ranks == nil)
    }

    @Test func ranksAreWrittenOnlyWhenFolded() throws {
        var incident = Incident(severity: .critical, detector: "divergence", rank: 0, message: "m")
        let plain = String(decoding: try JSONEncoder().encode(incident), as: UTF8.self)
        incident.ranks = [0, 1, 2]
        let folded = try JSONEncoder().encode(incident)

        #expect(!plain.contains("ranks"))
        #expect(String(decoding: folded, as: UTF8.self).contains("\"ranks\":[0,1,2]"))
        #expect(try JSONDecoder().decode(Incident.self, from: folded) == incident)
    }
}
