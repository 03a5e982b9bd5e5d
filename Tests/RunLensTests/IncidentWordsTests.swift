import Testing

@testable import RunLens

struct IncidentWordsTests {
    @Test(arguments: [
        ([0, 1, 2, 3], "0–3"), ([4, 5, 6], "4–6"), ([0, 1], "0, 1"), ([0, 2, 5], "0, 2, 5"),
        ([7], "7"), ([], ""),
    ])
    func rankListIsARangeWhenContiguous(ranks: [Int], text: String) {
        #expect(IncidentWords.rankList(ranks) == text)
    }

    @Test func foldedIncidentNamesItsRanks() {
        var incident = Incident(
            severity: .critical, detector: "divergence", metric: "loss", rank: 0, message: "m")
        #expect(IncidentWords.rank(incident) == "0")
        #expect(IncidentWords.subject(incident) == "loss, rank 0")

        incident.ranks = Array(0..<16)

        #expect(IncidentWords.rank(incident) == "0–15")
        #expect(IncidentWords.subject(incident) == "loss, ranks 0–15")
    }
}
